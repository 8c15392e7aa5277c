import Alert from "@mui/material/Alert";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import Link from "next/link";
import { OneTimeSignIn } from "@/components/auth/one-time-sign-in";
import { getDb } from "@/db";
import { getUserById } from "@/db/queries/users";
import { getSessionActor } from "@/lib/auth/get-session-actor";
import { previewOneTimeLogin } from "@/lib/auth/preview-one-time-login";

export const metadata: Metadata = { title: "Sign in", referrer: "no-referrer" };

const dateTime = (date: Date) =>
  date.toLocaleString("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).concat(" UTC");

// What to do when a link no longer works: nobody is locked out while one of these exists.
const newLinkHint =
  "Sign in with your password if you have set one, ask an admin of your team for a new link (Members page), or, " +
  "on the machine that runs Mergeline, run npm run auth:sign-in-link.";

// /signin/one-time?token=...: the link printed at the first start (or made later). Showing
// it spends nothing; the person confirms, and only then is it used (see OneTimeSignIn).
export default async function OneTimeSignInPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  const db = getDb();
  const preview = typeof token === "string" && token ? await previewOneTimeLogin({ db, token }) : null;
  const actor = preview?.status === "valid" || preview?.status === "used" ? await getSessionActor() : null;
  const signedInAs = actor ? ((await getUserById({ db, id: actor.userId }))?.email ?? null) : null;

  return (
    <Stack spacing={3}>
      <Typography variant="h1">Sign in</Typography>
      {preview === null && (
        <Alert severity="error" role="alert">
          This sign-in link is incomplete. Copy the whole link, including everything after <code>token=</code>.
        </Alert>
      )}
      {preview?.status === "valid" && (
        <OneTimeSignIn
          token={token as string}
          email={preview.email}
          expiresAt={dateTime(preview.expiresAt)}
          signedInAs={signedInAs}
          confirmUrl="/signin/one-time/confirm"
        />
      )}
      {preview?.status === "used" && (
        <Alert severity="warning" role="alert">
          This sign-in link was used on {dateTime(preview.usedAt)} and works only once.{" "}
          {signedInAs ? `You are signed in as ${signedInAs}. ` : ""}
          {newLinkHint}
        </Alert>
      )}
      {preview?.status === "expired" && (
        <Alert severity="warning" role="alert">
          This sign-in link expired on {dateTime(preview.expiresAt)}. {newLinkHint}
        </Alert>
      )}
      {preview?.status === "unknown" && (
        <Alert severity="error" role="alert">
          This sign-in link is invalid, has expired or has already been used. {newLinkHint}
        </Alert>
      )}
      <Typography variant="body2" color="text.secondary">
        {signedInAs && preview?.status === "used" ? <Link href="/">Go to the dashboard</Link> : null}
        {signedInAs && preview?.status === "used" ? " · " : null}
        <Link href="/signin">Other ways to sign in</Link>
      </Typography>
    </Stack>
  );
}
