"use client";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useState } from "react";

/**
 * The one-time link's page: says whom the link signs in and until when, and signs in only
 * when the person presses the button. Opening, reloading or leaving the page spends
 * nothing; the POST to `confirmUrl` spends the link and creates the session together.
 */
export function OneTimeSignIn({
  token,
  email,
  expiresAt,
  signedInAs,
  confirmUrl,
}: {
  token: string;
  email: string | null;
  /** When the link expires, as the person should read it ("Dec 8, 2026, 3:10 AM UTC"). */
  expiresAt: string;
  /** Someone already signed in in this browser, when there is. */
  signedInAs: string | null;
  confirmUrl: string;
}) {
  const [pending, setPending] = useState(false);
  const who = email ?? "this account";
  return (
    <Stack component="form" method="post" action={confirmUrl} spacing={2} onSubmit={() => setPending(true)}>
      <input type="hidden" name="token" value={token} />
      <Typography>
        This one-time link signs you in as <strong>{who}</strong>. It works once, until {expiresAt}, and is used only
        when you press the button.
      </Typography>
      {signedInAs && signedInAs !== email && (
        <Alert severity="info">
          You are signed in as {signedInAs} in this browser; continuing switches to {who}.
        </Alert>
      )}
      <Button type="submit" variant="contained" size="large" loading={pending}>
        Sign in as {who}
      </Button>
    </Stack>
  );
}
