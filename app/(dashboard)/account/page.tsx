import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { connection } from "next/server";
import { PasswordForm } from "@/components/account/password-form";
import { getDb } from "@/db";
import { getUserById } from "@/db/queries/users";
import { requireSessionActor } from "@/lib/auth/get-session-actor";
import { signInMethods } from "@/lib/auth/sign-in-methods";
import { MIN_PASSWORD_LENGTH } from "@/lib/teams/create-invited-account";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Account" };

// /account: the signed-in person's own account; a password to sign in with after a
// one-time link, or a new one.
export default async function AccountPage() {
  await connection();
  const actor = await requireSessionActor({ callbackUrl: "/account" });
  const user = await getUserById({ db: getDb(), id: actor.userId });
  const hasPassword = Boolean(user?.passwordHash);
  return (
    <>
      <Box sx={{ mb: 3 }}>
        <Typography variant="h1">Account</Typography>
        <Typography color="text.secondary" sx={{ overflowWrap: "anywhere" }}>
          Signed in as {user?.email ?? user?.name ?? "you"}.
        </Typography>
      </Box>
      <Paper variant="outlined" component="section" aria-labelledby="password-heading" sx={{ p: { xs: 2, sm: 3 } }}>
        <Typography id="password-heading" variant="h2" sx={{ mb: 1 }}>
          Password
        </Typography>
        {signInMethods().password ? (
          <>
            <Typography color="text.secondary" sx={{ mb: 2 }}>
              {hasPassword
                ? "Change the password you sign in with. Your other devices are signed out; this one stays signed in."
                : "You have no password yet. Set one to sign in with your email and password, without a one-time link."}
            </Typography>
            <PasswordForm
              email={user?.email ?? null}
              hasPassword={hasPassword}
              minLength={MIN_PASSWORD_LENGTH}
              action={changePasswordAction}
            />
          </>
        ) : (
          <Alert severity="info">
            Email and password sign-in is turned off on this server (MERGELINE_LOCAL_ACCOUNTS=false).
          </Alert>
        )}
      </Paper>
    </>
  );
}
