"use client";
import PersonAdd from "@mui/icons-material/PersonAdd";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import MenuItem from "@mui/material/MenuItem";
import Paper from "@mui/material/Paper";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmButton } from "@/components/shared/confirm-button";
import { stackedTableSx } from "@/components/shared/stacked-table-sx";
import { InviteMemberDialog } from "./invite-member-dialog";
import { type InvitationView, type MemberActions, type MemberView, type Role, roleDescriptions } from "./types";

/** Members with their roles, and pending invitations. Only admins get the controls. */
export function MembersPanel({
  teamId,
  currentUserId,
  isAdmin,
  members,
  invitations,
  actions,
}: {
  teamId: string;
  currentUserId: string;
  isAdmin: boolean;
  members: MemberView[];
  invitations: InvitationView[];
  actions: MemberActions;
}) {
  const router = useRouter();
  const [inviting, setInviting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const after = (result: { ok: true } | { ok: false; error: string }) => {
    setError(result.ok ? null : result.error);
    router.refresh();
  };
  return (
    <>
      {isAdmin && (
        <Box sx={{ display: "flex", justifyContent: "flex-end", mb: 2 }}>
          <Button variant="contained" startIcon={<PersonAdd />} onClick={() => setInviting(true)}>
            Invite member
          </Button>
        </Box>
      )}
      {error && (
        <Alert severity="error" sx={{ mb: 2 }} onClose={() => setError(null)} data-testid="members-error">
          {error}
        </Alert>
      )}
      <TableContainer component={Paper} variant="outlined">
        <Table aria-label="Team members" sx={stackedTableSx}>
          <TableHead>
            <TableRow>
              <TableCell>Person</TableCell>
              <TableCell>Role</TableCell>
              <TableCell>Joined</TableCell>
              {isAdmin && <TableCell align="right">Actions</TableCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {members.map((member) => {
              const self = member.userId === currentUserId;
              const who = member.name ?? member.email ?? member.userId;
              return (
                <TableRow key={member.userId} data-testid="member-row">
                  <TableCell data-label="Person">
                    <Typography variant="body2">
                      {who}
                      {self && " (you)"}
                    </Typography>
                    {member.name && member.email && (
                      <Typography variant="caption" color="text.secondary">
                        {member.email}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell data-label="Role">
                    {isAdmin && !self ? (
                      <TextField
                        select
                        size="small"
                        value={member.role}
                        aria-label={`Role of ${who}`}
                        slotProps={{ htmlInput: { "aria-label": `Role of ${who}` } }}
                        onChange={async (event) =>
                          after(await actions.changeRole({ teamId, userId: member.userId, role: event.target.value }))
                        }
                      >
                        {(Object.keys(roleDescriptions) as Role[]).map((value) => (
                          <MenuItem key={value} value={value}>
                            {value}
                          </MenuItem>
                        ))}
                      </TextField>
                    ) : (
                      member.role
                    )}
                  </TableCell>
                  <TableCell data-label="Joined">{new Date(member.joinedAt).toLocaleDateString()}</TableCell>
                  {isAdmin && (
                    <TableCell align="right">
                      <ConfirmButton
                        title={self ? "Leave this team?" : `Remove ${who}?`}
                        body={
                          self
                            ? "You lose access to the team's projects at once."
                            : "They lose access to the team's projects at once; with no team left they are signed out everywhere."
                        }
                        confirmLabel={self ? "Leave team" : "Remove"}
                        ariaLabel={self ? "Leave this team" : `Remove ${who}`}
                        onConfirm={async () => after(await actions.remove({ teamId, userId: member.userId }))}
                      >
                        {self ? "Leave" : "Remove"}
                      </ConfirmButton>
                    </TableCell>
                  )}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      {isAdmin && invitations.length > 0 && (
        <>
          <Typography variant="h2" sx={{ mt: 4, mb: 1 }}>
            Pending invitations
          </Typography>
          <TableContainer component={Paper} variant="outlined">
            <Table aria-label="Pending invitations" sx={stackedTableSx}>
              <TableBody>
                {invitations.map((invitation) => (
                  <TableRow key={invitation.id} data-testid="invitation-row">
                    <TableCell>{invitation.email}</TableCell>
                    <TableCell>{invitation.role}</TableCell>
                    <TableCell>expires {new Date(invitation.expiresAt).toLocaleDateString()}</TableCell>
                    <TableCell align="right">
                      <ConfirmButton
                        title={`Revoke the invitation for ${invitation.email}?`}
                        body="Its link stops working at once."
                        confirmLabel="Revoke"
                        ariaLabel={`Revoke invitation for ${invitation.email}`}
                        onConfirm={async () => after(await actions.revokeInvitation({ teamId, id: invitation.id }))}
                      >
                        Revoke
                      </ConfirmButton>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </>
      )}
      <InviteMemberDialog
        open={inviting}
        teamId={teamId}
        invite={actions.invite}
        onInvited={() => router.refresh()}
        onClose={() => setInviting(false)}
      />
    </>
  );
}
