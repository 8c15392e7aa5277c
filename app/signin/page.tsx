import GitHub from "@mui/icons-material/GitHub";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Divider from "@mui/material/Divider";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getSessionActor } from "@/lib/auth/get-session-actor";
import { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
import { signInMethods } from "@/lib/auth/sign-in-methods";
import { signInWithGitHub, signInWithPassword } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

// Errors Auth.js reports by redirecting here with ?error=<type> (mostly from GitHub sign-in).
const errorMessages: Record<string, string> = {
  OAuthAccountNotLinked: "An account with this email already exists. Sign in with its email and password instead.",
  AccessDenied: "GitHub sign-in was cancelled or refused.",
  CredentialsSignin: "Wrong email or password.",
  Configuration: "Sign-in is not configured correctly on this server; the server log says why.",
};

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getSessionActor()) redirect(callbackUrl);
  const methods = signInMethods();
  const error =
    typeof params.error === "string" ? (errorMessages[params.error] ?? "Signing in did not work. Try again.") : null;

  return (
    <Stack spacing={3}>
      <Typography variant="h1">Sign in</Typography>
      {error && <Alert severity="error">{error}</Alert>}
      {methods.password && <SignInForm action={signInWithPassword} callbackUrl={callbackUrl} />}
      {methods.password && methods.github && <Divider>or</Divider>}
      {methods.github && (
        <form action={signInWithGitHub}>
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <Button
            type="submit"
            variant={methods.password ? "outlined" : "contained"}
            size="large"
            fullWidth
            startIcon={<GitHub />}
          >
            Sign in with GitHub
          </Button>
        </form>
      )}
      {!methods.password && !methods.github && (
        <Alert severity="info">
          This server offers no sign-in form: email and password accounts are off (MERGELINE_LOCAL_ACCOUNTS) and GitHub
          sign-in is not set up (AUTH_GITHUB_ID, AUTH_GITHUB_SECRET). Use a one-time sign-in link from an administrator.
        </Alert>
      )}
      <Typography variant="body2" color="text.secondary" data-testid="sign-in-link-hint">
        No password yet? Open the one-time link Mergeline printed when it started, or get a new one: on the machine that
        runs Mergeline, <code>npm run auth:sign-in-link</code>. Then set a password under Account and password.
      </Typography>
    </Stack>
  );
}
