"use client";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useRef, useState, useTransition } from "react";
import { ShownOnceSecret } from "@/components/shared/shown-once-secret";
import { useFocusFirstInvalid } from "@/components/shared/use-focus-first-invalid";
import { type MemberActions, type Role, roleDescriptions } from "./types";

/** Invite by email and role; the link is shown once, for the admin to pass on. */
export function InviteMemberDialog({
  open,
  teamId,
  invite,
  onInvited,
  onClose,
}: {
  open: boolean;
  teamId: string;
  invite: MemberActions["invite"];
  onInvited: () => void;
  onClose: () => void;
}) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("member");
  const [error, setError] = useState<string | null>(null);
  // The last refused submit, so focus returns to the field once per refusal.
  const [refused, setRefused] = useState<{ email: string } | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, refused);
  const close = () => {
    setEmail("");
    setRole("member");
    setError(null);
    setUrl(null);
    onClose();
  };
  const submit = () =>
    startTransition(async () => {
      const result = await invite({ teamId, email, role });
      if (!result.ok) {
        setRefused({ email: result.error });
        return setError(result.error);
      }
      setUrl(result.url);
      onInvited();
    });
  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" aria-labelledby="invite-member-title">
      <DialogTitle id="invite-member-title">Invite a member</DialogTitle>
      <DialogContent>
        {url ? (
          <ShownOnceSecret
            secret={url}
            label="Invitation link"
            testId="invitation-url"
            warning="Send this link to the person you invited. It works once, for 7 days, when they sign in with that email address; it is not shown again."
          />
        ) : (
          <Stack
            component="form"
            ref={form}
            id="invite-member-form"
            spacing={2}
            sx={{ pt: 1 }}
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}
          >
            <TextField
              label="Email"
              type="email"
              required
              autoFocus
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              error={error !== null}
              helperText={error ?? " "}
            />
            <TextField
              select
              label="Role"
              value={role}
              onChange={(event) => setRole(event.target.value as Role)}
              helperText={roleDescriptions[role]}
            >
              {(Object.keys(roleDescriptions) as Role[]).map((value) => (
                <MenuItem key={value} value={value}>
                  {value}
                </MenuItem>
              ))}
            </TextField>
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{url ? "Done" : "Cancel"}</Button>
        {!url && (
          <Button type="submit" form="invite-member-form" variant="contained" disabled={pending}>
            Create invitation
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
