import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { installations, type Project } from "@/db/schema";
import { AppError } from "@/lib/platform/errors";
import type { GitHubApp, MergelineOctokit } from "@/lib/git-provider/github/app";
import { type GitHubRemote, githubRemote } from "./github-remote";

/** What every GitHub call of one project needs: the repository, and a client for its installation. */
export type GitHubContext = {
  db: Database;
  project: Project;
  remote: GitHubRemote;
  /** owner and repo, as most endpoints take them. */
  repo: { owner: string; repo: string };
  installationId: number;
  octokit: MergelineOctokit;
};

/** Resolves project.installationId -> installations.githubInstallationId and an authenticated client. */
export async function githubContext({
  db,
  gh,
  project,
}: {
  db: Database;
  gh: GitHubApp;
  project: Project;
}): Promise<GitHubContext> {
  if (project.provider !== "github") {
    throw new AppError(
      "bad_request:provider",
      `Project ${project.name} uses the ${project.provider} provider, not GitHub`,
    );
  }
  const remote = githubRemote(gh.config.apiUrl, project.repository);
  if (!project.installationId) {
    throw new AppError(
      "unavailable:github_installation",
      `Project ${project.name} has no GitHub App installation; install the App on ${project.repository}`,
    );
  }
  const [installation] = await db
    .select()
    .from(installations)
    .where(eq(installations.id, project.installationId))
    .limit(1);
  if (!installation || installation.deletedAt) {
    throw new AppError(
      "unavailable:github_installation",
      `The GitHub App installation of ${project.repository} was removed; install the App again`,
    );
  }
  if (installation.suspendedAt) {
    throw new AppError(
      "unavailable:github_installation",
      `The GitHub App installation of ${project.repository} is suspended`,
    );
  }
  const octokit = await gh.installationOctokit(installation.githubInstallationId);
  return {
    db,
    project,
    remote,
    repo: { owner: remote.owner, repo: remote.repo },
    installationId: installation.githubInstallationId,
    octokit,
  };
}
