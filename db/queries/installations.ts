import { and, eq, inArray, isNull, notInArray, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  type Installation,
  type InstallationRepository,
  installationRepositories,
  installations,
  type Project,
  projects,
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
