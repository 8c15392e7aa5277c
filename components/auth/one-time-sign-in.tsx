"use client";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import CircularProgress from "@mui/material/CircularProgress";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useActionState, useEffect, useRef } from "react";
import type { SignInFormAction } from "./sign-in-form";

/**
 * Uses a one-time sign-in token. The page only renders a form that submits itself: the
 * token is spent by a POST, so link previewers and prefetching (GET) cannot use it up.
 */
export function OneTimeSignIn({ action, token }: { action: SignInFormAction; token: string }) {
  const [state, submit, pending] = useActionState(action, { error: null });
  const form = useRef<HTMLFormElement>(null);
  const submitted = useRef(false);

  useEffect(() => {
    // Once, even when React runs effects twice in development.
    if (submitted.current) return;
    submitted.current = true;
    form.current?.requestSubmit();
  }, []);

  return (
    <Stack component="form" ref={form} action={submit} spacing={2} sx={{ alignItems: "center" }}>
      <input type="hidden" name="token" value={token} />
      {state.error ? (
        <Alert severity="error" role="alert" sx={{ width: "100%" }}>
          {state.error}
        </Alert>
      ) : (
        <>
          <CircularProgress size={28} aria-label="Signing in" />
          <Typography color="text.secondary">Signing you in…</Typography>
          {/* For browsers without JavaScript, and in case the automatic submit is blocked. */}
          <Button type="submit" variant="outlined" loading={pending}>
            Continue
          </Button>
        </>
      )}
    </Stack>
  );
}
