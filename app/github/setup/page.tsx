import GitHub from "@mui/icons-material/GitHub";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import Link from "next/link";
import { signInWithGitHub } from "@/app/signin/actions";
import { getDb } from "@/db";
import { getPinnedProjects } from "@/db/queries/projects";
import { requireSessionActor } from "@/lib/auth/get-session-actor";
import { signInMethods } from "@/lib/auth/sign-in-methods";
import { AppError } from "@/lib/platform/errors";
import { getGitHubApp } from "@/lib/git-provider/github/app-from-env";
import { completeInstallationSetup } from "@/lib/intake/github/triggers/complete-installation-setup";
import { pinRepositoryAction } from "./actions";

export const metadata: Metadata = { title: "GitHub App set-up" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const pinErrors: Record<string, string> = {
  forbidden: "Only admins of the team can pin repositories.",
  not_found: "That repository is not part of this installation.",
  conflict: "The GitHub App was uninstalled from this account.",
  bad_request: "That was not a repository name.",
  internal: "Pinning did not work; nothing was changed. Try again.",
};

// GET /github/setup?installation_id=&setup_action=: where GitHub sends people after they
// install the App. The installation is checked with GitHub as the signed-in person before
// anything is stored (see completeInstallationSetup).
export default async function GithubSetupPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const installationId = typeof params.installation_id === "string" ? params.installation_id : undefined;
  const here = `/github/setup?${new URLSearchParams(installationId ? { installation_id: installationId } : {})}`;
  const actor = await requireSessionActor({ callbackUrl: here });

  let github;
  try {
    github = getGitHubApp();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (
      <Page>
        <Alert severity="error">{error.message}</Alert>
      </Page>
    );
  }
  const db = getDb();
  const result = await completeInstallationSetup({ db, userId: actor.userId, installationId, github });

  if (result.status === "invalid_installation_id") {
    return (
      <Page>
        <Alert severity="warning">
          This page needs the installation id GitHub adds when it sends you here. Install the App on GitHub, or open its
          settings there and save, to come back with it.
        </Alert>
      </Page>
    );
  }
  if (result.status === "needs_github_sign_in") {
    const methods = signInMethods();
    return (
      <Page>
        <Alert severity="info">
          {result.reason === "token_rejected"
            ? "GitHub no longer accepts your sign-in. "
            : "You are not signed in with GitHub. "}
          Mergeline checks with GitHub, as you, that your GitHub account can see this installation before it adds it to
          a team.
        </Alert>
        {methods.github ? (
          <form action={signInWithGitHub}>
            <input type="hidden" name="callbackUrl" value={here} />
            <Button type="submit" variant="contained" startIcon={<GitHub />}>
              Sign in with GitHub
            </Button>
          </form>
        ) : (
          <Alert severity="warning">
            GitHub sign-in is not set up on this server: an administrator sets AUTH_GITHUB_ID and AUTH_GITHUB_SECRET
            (the GitHub App&apos;s client id and secret), then you sign in with GitHub and open this page again.
          </Alert>
        )}
      </Page>
    );
  }
  if (result.status === "not_visible") {
    return (
      <Page>
        <Alert severity="error">
          Your GitHub account cannot see installation {installationId}, so Mergeline did not add it. Sign in with the
          GitHub account that installed the App, or ask an owner of the account to add you.
        </Alert>
      </Page>
    );
  }

  const { installation, repositories, role } = result;
  const pinned = new Set(
    (await getPinnedProjects({ db, teamId: installation.teamId }))
      .filter((project) => project.provider === "github")
      .map((project) => project.repository.toLowerCase()),
  );
  const error = typeof params.error === "string" ? (pinErrors[params.error] ?? pinErrors.internal) : null;
  const justPinned = typeof params.pinned === "string" ? params.pinned : null;
  return (
    <Page>
      <Typography>
        The App is installed on <strong>{installation.accountLogin}</strong>. Its repositories belong to the team{" "}
        <strong>{installation.accountLogin}</strong>, where you are {role === "admin" ? "an admin" : "a member"}.
        {installation.suspendedAt && " The installation is suspended on GitHub: nothing runs until it is unsuspended."}
      </Typography>
      {error && <Alert severity="error">{error}</Alert>}
      {justPinned && (
        <Alert severity="success">
          {justPinned} is pinned. Label an issue with the project&apos;s trigger label (mergeline) to start a run.
        </Alert>
      )}
      {repositories.length === 0 ? (
        <Alert severity="info">
          The installation reaches no repository yet. Choose repositories in the App&apos;s settings on GitHub.
        </Alert>
      ) : (
        <List aria-label="Repositories" data-testid="installation-repositories">
          {repositories.map((repository) => (
            <ListItem
              key={repository.id}
              divider
              secondaryAction={
                pinned.has(repository.fullName.toLowerCase()) ? (
                  <Chip label="Pinned" color="success" size="small" />
                ) : (
                  <form action={pinRepositoryAction}>
                    <input type="hidden" name="installationId" value={String(installation.githubInstallationId)} />
                    <input type="hidden" name="repository" value={repository.fullName} />
                    <Button
                      type="submit"
                      size="small"
                      variant="outlined"
                      disabled={role !== "admin"}
                      aria-label={`Pin ${repository.fullName}`}
                    >
                      Pin
                    </Button>
                  </form>
                )
              }
            >
              <ListItemText primary={repository.fullName} secondary={repository.private ? "private" : "public"} />
            </ListItem>
          ))}
        </List>
      )}
      <Link href="/">Go to the dashboard</Link>
    </Page>
  );
}

function Page({ children }: { children: React.ReactNode }) {
  return (
    <Stack spacing={2} sx={{ maxWidth: 720, mx: "auto", p: 3 }}>
      <Typography variant="h1">GitHub App set-up</Typography>
      {children}
    </Stack>
  );
}
