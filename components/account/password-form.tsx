"use client";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { useActionState, useEffect, useRef } from "react";

export type PasswordFormState = {
  error: string | null;
  fieldErrors?: Partial<Record<"currentPassword" | "newPassword" | "repeatPassword", string>>;
  done?: "set" | "changed";
  otherSessionsEnded?: number;
};
export type PasswordFormAction = (state: PasswordFormState, form: FormData) => Promise<PasswordFormState>;

const fieldOrder = ["currentPassword", "newPassword", "repeatPassword"] as const;

/** Set a first password (after a one-time link, nothing else is needed) or change it (the current one first). */
export function PasswordForm({
  email,
  hasPassword,
  minLength,
  action,
}: {
  email: string | null;
  hasPassword: boolean;
  minLength: number;
  action: PasswordFormAction;
}) {
  const [state, submit, pending] = useActionState(action, { error: null });
  const form = useRef<HTMLFormElement>(null);
  const errors = state.fieldErrors ?? {};

  useEffect(() => {
    // The first field at fault takes the focus, so a keyboard or screen reader user lands on it.
    const first = fieldOrder.find((name) => state.fieldErrors?.[name]);
    if (first) form.current?.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
  }, [state.fieldErrors]);

  const field = (name: (typeof fieldOrder)[number]) => ({
    name,
    error: Boolean(errors[name]),
    helperText: errors[name],
  });
  const saved = state.done && !state.error && !state.fieldErrors;

  return (
    <Stack component="form" ref={form} action={submit} spacing={2} noValidate sx={{ maxWidth: 480 }}>
      {state.error && (
        <Alert severity="error" role="alert">
          {state.error}
        </Alert>
      )}
      {saved && (
        <Alert severity="success" role="status" data-testid="password-saved">
          {state.done === "set" ? "Your password is set." : "Your password is changed."} Sign in with{" "}
          {email ?? "your email"} and this password from now on.
          {state.otherSessionsEnded
            ? ` Your other ${state.otherSessionsEnded === 1 ? "session was" : `${state.otherSessionsEnded} sessions were`} signed out.`
            : ""}
        </Alert>
      )}
      {/* For password managers: the account the new password belongs to. */}
      <input type="hidden" name="username" autoComplete="username" value={email ?? ""} readOnly />
      {hasPassword && (
        <TextField
          {...field("currentPassword")}
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
        />
      )}
      <TextField
        {...field("newPassword")}
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        helperText={errors.newPassword ?? `At least ${minLength} characters`}
      />
      <TextField
        {...field("repeatPassword")}
        label="New password, again"
        type="password"
        autoComplete="new-password"
        required
      />
      <div>
        <Button type="submit" variant="contained" loading={pending}>
          {hasPassword ? "Change password" : "Set password"}
        </Button>
      </div>
    </Stack>
  );
}
