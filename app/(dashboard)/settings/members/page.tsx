import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { connection } from "next/server";
import { MembersPanel } from "@/components/members/members-panel";
import { getDb } from "@/db";
import { listPendingInvitations } from "@/db/queries/invitations";
import { listTeamMembers } from "@/db/queries/team-members";
import { toInvitation, toMember } from "@/lib/api/schemas/member";
import { can } from "@/lib/auth/actor";
import { requireSessionActor } from "@/lib/auth/get-session-actor";
import { changeMemberRoleAction, inviteMemberAction, removeMemberAction, revokeInvitationAction } from "./actions";

export const metadata: Metadata = { title: "Members" };

// The team named in ?team= when the person belongs to it, else their first team. Everyone
// in a team sees who is in it; only admins invite, change roles and remove.
export default async function MembersPage({ searchParams }: { searchParams: Promise<{ team?: string | string[] }> }) {
  await connection();
  const actor = await requireSessionActor({ callbackUrl: "/settings/members" });
  const { team } = await searchParams;
  const teamIds = actor.memberships.map((membership) => membership.teamId);
  const teamId = teamIds.find((id) => id === team) ?? teamIds[0];
  if (!teamId) {
    return <Typography>You are not in a team yet.</Typography>;
  }
  const db = getDb();
  const isAdmin = can(actor, teamId, "admin");
  const [members, invitations] = await Promise.all([
    listTeamMembers({ db, teamId }),
    isAdmin ? listPendingInvitations({ db, teamId }) : [],
  ]);
  return (
    <>
      <Box sx={{ mb: 3 }}>
        <Typography variant="h1">Members</Typography>
        <Typography color="text.secondary">Who can see and steer this team&apos;s projects.</Typography>
      </Box>
      <MembersPanel
        teamId={teamId}
        currentUserId={actor.userId}
        isAdmin={isAdmin}
        members={members.map(toMember)}
        invitations={invitations.map(toInvitation)}
        actions={{
          invite: inviteMemberAction,
          changeRole: changeMemberRoleAction,
          remove: removeMemberAction,
          revokeInvitation: revokeInvitationAction,
        }}
      />
    </>
  );
}
