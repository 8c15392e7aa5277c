import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Divider from "@mui/material/Divider";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { connection } from "next/server";
import { AcceptInvitationForm, CreateInvitedAccountForm } from "@/components/auth/invitation-forms";
import { getDb } from "@/db";
import { getUserById, normalizeEmail } from "@/db/queries/users";
import { getSessionActor } from "@/lib/auth/get-session-actor";
import { signInMethods } from "@/lib/auth/sign-in-methods";
import { getInvitationPreview } from "@/lib/teams/get-invitation-preview";
import { MIN_PASSWORD_LENGTH } from "@/lib/teams/create-invited-account";
import { acceptInvitationAction, createInvitedAccountAction } from "./actions";

export const metadata: Metadata = { title: "Invitation" };

const closedMessages = {
  accepted: "This invitation has been used already.",
  revoked: "This invitation was withdrawn.",
  expired: "This invitation has expired.",
};

// Reached from an invitation link, signed in or not: signed in with the invited address, a
// button joins the team; otherwise sign in (and come back), or create a local account for
// that address when local accounts are on.
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const db = getDb();
  const preview = await getInvitationPreview({ db, token });
  if (!preview || preview.closed) {
    return (
      <Stack spacing={2}>
        <Typography variant="h1">Invitation</Typography>
        <Alert severity="warning" data-testid="invitation-closed">
          {preview?.closed ? closedMessages[preview.closed] : "This invitation link is not valid."} Ask a team admin for
          a new one.
        </Alert>
      </Stack>
    );
  }
  const { invitation, teamName } = preview;
  const actor = await getSessionActor();
  const user = actor ? await getUserById({ db, id: actor.userId }) : undefined;
  const signInHref = `/signin?${new URLSearchParams({ callbackUrl: `/invite/${token}` })}`;
  return (
    <Stack spacing={3}>
      <Typography variant="h1">Join {teamName}</Typography>
      <Typography color="text.secondary">
        You are invited as <strong>{invitation.role}</strong>, for <strong>{invitation.email}</strong>.
      </Typography>
      {user && normalizeEmail(user.email ?? "") === invitation.email ? (
        <AcceptInvitationForm action={acceptInvitationAction} token={token} teamName={teamName} />
      ) : user ? (
        <Alert severity="warning">
          You are signed in as {user.email ?? "another account"}. Sign out, then sign in as {invitation.email} to
          accept.
        </Alert>
      ) : (
        <>
          <Button variant="contained" size="large" href={signInHref}>
            Sign in to accept
          </Button>
          {signInMethods().password && (
            <>
              <Divider>or, new here</Divider>
              <CreateInvitedAccountForm
                action={createInvitedAccountAction}
                token={token}
                email={invitation.email}
                minPasswordLength={MIN_PASSWORD_LENGTH}
              />
            </>
          )}
        </>
      )}
    </Stack>
  );
}
