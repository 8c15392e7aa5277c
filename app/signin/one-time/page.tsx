import Alert from "@mui/material/Alert";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import Link from "next/link";
import { OneTimeSignIn } from "@/components/auth/one-time-sign-in";
import { signInWithOneTimeLink } from "../actions";

export const metadata: Metadata = { title: "Sign in", referrer: "no-referrer" };

// /signin/one-time?token=...: the link printed at the first start. Rendering it spends
// nothing; the form on it does (see OneTimeSignIn).
export default async function OneTimeSignInPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token } = await searchParams;
  return (
    <Stack spacing={3}>
      <Typography variant="h1">Sign in</Typography>
      {typeof token === "string" && token ? (
        <OneTimeSignIn action={signInWithOneTimeLink} token={token} />
      ) : (
        <Alert severity="error" role="alert">
          This sign-in link is incomplete. Copy the whole link, including everything after <code>token=</code>.
        </Alert>
      )}
      <Typography variant="body2" color="text.secondary">
        <Link href="/signin">Other ways to sign in</Link>
      </Typography>
    </Stack>
  );
}
