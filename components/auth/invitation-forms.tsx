"use client";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useActionState } from "react";

type FormState = { error: string | null };
type FormAction = (state: FormState, form: FormData) => Promise<FormState>;

function FormError({ error }: { error: string | null }) {
  return error ? (
    <Alert severity="error" role="alert" data-testid="invitation-error">
      {error}
    </Alert>
  ) : null;
}

/** Join as the signed-in person. */
export function AcceptInvitationForm({
  action,
  token,
  teamName,
}: {
  action: FormAction;
  token: string;
  teamName: string;
}) {
  const [state, submit, pending] = useActionState(action, { error: null });
  return (
    <Stack component="form" action={submit} spacing={2}>
      <FormError error={state.error} />
      <input type="hidden" name="token" value={token} />
      <Button type="submit" variant="contained" size="large" loading={pending}>
        Join {teamName}
      </Button>
    </Stack>
  );
}

/** A local account for the invited address: a name and a password. */
export function CreateInvitedAccountForm({
  action,
  token,
  email,
  minPasswordLength,
}: {
  action: FormAction;
  token: string;
  email: string;
  minPasswordLength: number;
}) {
  const [state, submit, pending] = useActionState(action, { error: null });
  return (
    <Stack component="form" action={submit} spacing={2}>
      <FormError error={state.error} />
      <input type="hidden" name="token" value={token} />
      <TextField label="Email" value={email} slotProps={{ htmlInput: { readOnly: true } }} />
      <TextField name="name" label="Your name" autoComplete="name" />
      <TextField
        name="password"
        label="Choose a password"
        type="password"
        autoComplete="new-password"
        required
        helperText={`At least ${minPasswordLength} characters`}
        // The browser refuses a short password before sending, and puts the focus on it.
        slotProps={{ htmlInput: { minLength: minPasswordLength } }}
      />
      <Button type="submit" variant="contained" size="large" loading={pending}>
        Create account and join
      </Button>
    </Stack>
  );
}
