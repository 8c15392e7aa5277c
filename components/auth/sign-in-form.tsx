"use client";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useActionState, useState } from "react";

export type SignInFormState = { error: string | null };
export type SignInFormAction = (state: SignInFormState, form: FormData) => Promise<SignInFormState>;

/** Email and password; the server action answers with an error message or redirects. */
export function SignInForm({ action, callbackUrl }: { action: SignInFormAction; callbackUrl: string }) {
  const [state, submit, pending] = useActionState(action, { error: null });
  // Controlled, so the email survives the form reset React does after an action.
  const [email, setEmail] = useState("");
  return (
    <Stack component="form" action={submit} spacing={2} noValidate>
      {state.error && (
        <Alert severity="error" role="alert" data-testid="sign-in-error">
          {state.error}
        </Alert>
      )}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="username"
        required
        autoFocus
        value={email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <TextField name="password" label="Password" type="password" autoComplete="current-password" required />
      <Button type="submit" variant="contained" size="large" loading={pending}>
        Sign in
      </Button>
    </Stack>
  );
}
