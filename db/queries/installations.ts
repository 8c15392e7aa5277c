import { and, desc, eq, inArray, isNotNull, isNull, notInArray, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  accounts,
  type Installation,
  type InstallationRepository,
  installationRepositories,
  installations,
  type Issue,
  issues,
  type Project,
  projects,
  type PullRequest,
  pullRequests,
  type Run,
  runs,
} from "@/db/schema";

export async function getInstallationByGithubId({
  db,
  githubInstallationId,
}: {
  db: Database;
  githubInstallationId: number;
}): Promise<Installation | undefined> {
  const [row] = await db
    .select()
    .from(installations)
    .where(eq(installations.githubInstallationId, githubInstallationId))
    .limit(1);
  return row;
}

export type InstallationValues = {
  githubInstallationId: number;
  teamId: string;
  accountLogin: string;
  accountType: string;
  repositorySelection: string;
  suspendedAt: Date | null;
};

/** Creates the installation, or refreshes it (a reinstall clears deletedAt). */
export async function upsertInstallation({
  db,
  values,
}: {
  db: Database;
  values: InstallationValues;
}): Promise<Installation> {
  const [row] = await db
    .insert(installations)
    .values(values)
    .onConflictDoUpdate({
      target: installations.githubInstallationId,
      set: {
        accountLogin: values.accountLogin,
        accountType: values.accountType,
        repositorySelection: values.repositorySelection,
        suspendedAt: values.suspendedAt,
        deletedAt: null,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  return row!;
}

export async function updateInstallation({
  db,
  id,
  values,
}: {
  db: Database;
  id: string;
  values: Partial<Pick<Installation, "suspendedAt" | "deletedAt" | "repositorySelection">>;
}): Promise<Installation | undefined> {
  const [row] = await db.update(installations).set(values).where(eq(installations.id, id)).returning();
  return row;
}

export type RepositoryValues = {
  githubRepositoryId: number;
  fullName: string;
  private: boolean;
  defaultBranch?: string | null;
};

/** Adds repositories to an installation, refreshing names of ones it has (a rename keeps the id). */
export async function addInstallationRepositories({
  db,
  installationId,
  repositories,
}: {
  db: Database;
  installationId: string;
  repositories: RepositoryValues[];
}): Promise<void> {
  if (repositories.length === 0) return;
  await db
    .insert(installationRepositories)
    .values(
      repositories.map((repository) => ({
        installationId,
        ...repository,
        defaultBranch: repository.defaultBranch ?? null,
      })),
    )
    .onConflictDoUpdate({
      target: [installationRepositories.installationId, installationRepositories.githubRepositoryId],
      set: {
        fullName: sql`excluded.full_name`,
        private: sql`excluded.private`,
        defaultBranch: sql`coalesce(excluded.default_branch, ${installationRepositories.defaultBranch})`,
      },
    });
}

export async function removeInstallationRepositories({
  db,
  installationId,
  githubRepositoryIds,
}: {
  db: Database;
  installationId: string;
  githubRepositoryIds: number[];
}): Promise<void> {
  if (githubRepositoryIds.length === 0) return;
  await db
    .delete(installationRepositories)
    .where(
      and(
        eq(installationRepositories.installationId, installationId),
        inArray(installationRepositories.githubRepositoryId, githubRepositoryIds),
      ),
    );
}

/** Makes the installation's repositories exactly `repositories` (a full list from GitHub). */
export async function replaceInstallationRepositories({
  db,
  installationId,
  repositories,
}: {
  db: Database;
  installationId: string;
  repositories: RepositoryValues[];
}): Promise<void> {
  const keep = repositories.map((repository) => repository.githubRepositoryId);
  await db
    .delete(installationRepositories)
    .where(
      and(
        eq(installationRepositories.installationId, installationId),
        keep.length > 0 ? notInArray(installationRepositories.githubRepositoryId, keep) : undefined,
      ),
    );
  await addInstallationRepositories({ db, installationId, repositories });
}

export async function getInstallationRepositories({
  db,
  installationId,
}: {
  db: Database;
  installationId: string;
}): Promise<InstallationRepository[]> {
  return db
    .select()
    .from(installationRepositories)
    .where(eq(installationRepositories.installationId, installationId))
    .orderBy(installationRepositories.fullName);
}

/** The installation that reaches `fullName` (GitHub compares names without case), if any is live. */
export async function getInstallationForRepository({
  db,
  fullName,
}: {
  db: Database;
  fullName: string;
}): Promise<Installation | undefined> {
  const [row] = await db
    .select({ installation: installations })
    .from(installationRepositories)
    .innerJoin(installations, eq(installations.id, installationRepositories.installationId))
    .where(
      and(
        sql`lower(${installationRepositories.fullName}) = ${fullName.toLowerCase()}`,
        isNull(installations.deletedAt),
      ),
    )
    .limit(1);
  return row?.installation;
}

/**
 * Pinned GitHub projects of a repository that an installation serves: those linked to it,
 * and those of its team (pinned before the link was made).
 */
export async function getPinnedProjectsForRepository({
  db,
  installation,
  fullName,
}: {
  db: Database;
  installation: Installation;
  fullName: string;
}): Promise<Project[]> {
  return db
    .select()
    .from(projects)
    .where(
      and(
        eq(projects.provider, "github"),
        eq(projects.pinned, true),
        sql`lower(${projects.repository}) = ${fullName.toLowerCase()}`,
        or(eq(projects.installationId, installation.id), eq(projects.teamId, installation.teamId)),
      ),
    );
}

/** Links the team's GitHub projects of these repositories to the installation. */
export async function linkProjectsToInstallation({
  db,
  installation,
  fullNames,
}: {
  db: Database;
  installation: Installation;
  fullNames: string[];
}): Promise<void> {
  if (fullNames.length === 0) return;
  await db
    .update(projects)
    .set({ installationId: installation.id })
    .where(
      and(
        eq(projects.teamId, installation.teamId),
        eq(projects.provider, "github"),
        inArray(
          sql`lower(${projects.repository})`,
          fullNames.map((name) => name.toLowerCase()),
        ),
      ),
    );
}

/**
 * Unpins the installation's projects (all, or those of some repositories) and unlinks
 * them; settings and run history stay, and pinning the repository again restores them.
 */
export async function detachInstallationProjects({
  db,
  installation,
  fullNames,
}: {
  db: Database;
  installation: Installation;
  fullNames?: string[];
}): Promise<Project[]> {
  if (fullNames && fullNames.length === 0) return [];
  return db
    .update(projects)
    .set({ pinned: false, installationId: null })
    .where(
      and(
        eq(projects.provider, "github"),
        or(eq(projects.installationId, installation.id), eq(projects.teamId, installation.teamId)),
        fullNames
          ? inArray(
              sql`lower(${projects.repository})`,
              fullNames.map((name) => name.toLowerCase()),
            )
          : undefined,
      ),
    )
    .returning();
}

/** The Mergeline user who signed in with this GitHub account (GitHub's numeric user id). */
export async function getUserIdByGithubAccount({
  db,
  githubUserId,
}: {
  db: Database;
  githubUserId: number;
}): Promise<string | undefined> {
  const [row] = await db
    .select({ userId: accounts.userId })
    .from(accounts)
    .where(and(eq(accounts.provider, "github"), eq(accounts.providerAccountId, String(githubUserId))))
    .limit(1);
  return row?.userId;
}

/** A user's GitHub OAuth access token and account id, as next-auth stored them at sign-in. */
export async function getGithubAccount({
  db,
  userId,
}: {
  db: Database;
  userId: string;
}): Promise<{ githubUserId: number; accessToken: string | null } | undefined> {
  const [row] = await db
    .select({ providerAccountId: accounts.providerAccountId, accessToken: accounts.access_token })
    .from(accounts)
    .where(and(eq(accounts.provider, "github"), eq(accounts.userId, userId)))
    .limit(1);
  return row ? { githubUserId: Number(row.providerAccountId), accessToken: row.accessToken } : undefined;
}

/** Runs of these projects that have not ended. */
export async function getActiveRunIdsOfProjects({
  db,
  projectIds,
}: {
  db: Database;
  projectIds: string[];
}): Promise<string[]> {
  if (projectIds.length === 0) return [];
  const rows = await db
    .select({ id: runs.id })
    .from(runs)
    .where(
      and(
        inArray(runs.projectId, projectIds),
        notInArray(runs.state, ["merged", "failed", "cancelled", "needs_human"]),
      ),
    );
  return rows.map((row) => row.id);
}

/** The run of an issue that has not ended, if any (a second trigger must not start another). */
export async function getActiveRunOfIssue({
  db,
  issueId,
}: {
  db: Database;
  issueId: string;
}): Promise<Run | undefined> {
  const [row] = await db
    .select()
    .from(runs)
    .where(and(eq(runs.issueId, issueId), notInArray(runs.state, ["merged", "failed", "cancelled", "needs_human"])))
    .orderBy(desc(runs.createdAt))
    .limit(1);
  return row;
}

/** The newest run of an issue, ended or not. */
export async function getLatestRunOfIssue({
  db,
  issueId,
}: {
  db: Database;
  issueId: string;
}): Promise<Run | undefined> {
  const [row] = await db.select().from(runs).where(eq(runs.issueId, issueId)).orderBy(desc(runs.createdAt)).limit(1);
  return row;
}

export type IssueValues = {
  projectId: string;
  number: number;
  title: string;
  body: string;
  url: string | null;
  state: string;
  author: string | null;
  labels: string[];
};

/** Stores the issue as GitHub sent it, or refreshes the stored copy. */
export async function upsertIssue({ db, values }: { db: Database; values: IssueValues }): Promise<Issue> {
  const [row] = await db
    .insert(issues)
    .values(values)
    .onConflictDoUpdate({
      target: [issues.projectId, issues.number],
      set: {
        title: values.title,
        body: values.body,
        url: values.url,
        state: values.state,
        author: values.author,
        labels: values.labels,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  return row!;
}

/** A run's pull request by project and number, with its run. */
export async function getRunPullRequest({
  db,
  projectId,
  number,
}: {
  db: Database;
  projectId: string;
  number: number;
}): Promise<PullRequest | undefined> {
  const [row] = await db
    .select()
    .from(pullRequests)
    .where(and(eq(pullRequests.projectId, projectId), eq(pullRequests.number, number), isNotNull(pullRequests.runId)))
    .limit(1);
  return row;
}

/** Mergeline PRs of a project whose head is `sha`: external checks on them are evidence for their runs. */
export async function getRunPullRequestsByHeadSha({
  db,
  projectId,
  sha,
}: {
  db: Database;
  projectId: string;
  sha: string;
}): Promise<PullRequest[]> {
  return db
    .select()
    .from(pullRequests)
    .where(and(eq(pullRequests.projectId, projectId), eq(pullRequests.headSha, sha), isNotNull(pullRequests.runId)));
}

/** GitHub installation ids of the teams' installations that are not deleted. */
export async function getGithubInstallationIdsOfTeams({
  db,
  teamIds,
}: {
  db: Database;
  teamIds: string[];
}): Promise<number[]> {
  if (teamIds.length === 0) return [];
  const rows = await db
    .select({ id: installations.githubInstallationId })
    .from(installations)
    .where(and(inArray(installations.teamId, teamIds), isNull(installations.deletedAt)));
  return rows.map((row) => row.id);
}
