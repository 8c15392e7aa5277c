import path from "node:path";
import type { Database } from "@/db/client";
import { createProject, getProjectByRepository, updateProject } from "@/db/queries/projects";
import { getPinnableRepositories } from "@/db/queries/dashboard-repositories";
import type { NewProject, Project } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { requestCodeIndexSync } from "@/lib/code-index/request-code-index-sync";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/platform/errors";
import { openRepository, repositoryGit } from "@/lib/workspaces/repository";
import { defaultProjectSettings } from "@/lib/projects/settings";

export type PinProjectInput = { teamId: string; provider: "local" | "github"; repository: string };

/** The checked-out branch of a local repository (HEAD of a bare one), or null when detached. */
async function headBranch(repository: Awaited<ReturnType<typeof openRepository>>): Promise<string | null> {
  return repositoryGit(repository, ["symbolic-ref", "--quiet", "--short", "HEAD"]).catch(() => null);
}

/** A local repository path, checked to be a git repository itself (not a folder inside one). */
async function openLocal(repositoryPath: string) {
  try {
    return await openRepository(repositoryPath);
  } catch (error) {
    // The path is input, not the resource of the URL: a missing repository is the caller's mistake.
    if (error instanceof AppError && error.code === "not_found:repository")
      throw new AppError("bad_request:repository", error.message);
    throw error;
  }
}

type PinTarget = Pick<NewProject, "provider" | "repository" | "name" | "defaultBranch" | "installationId">;

/** A local repository on this machine, by its path. */
async function localTarget(repositoryPath: string): Promise<PinTarget> {
  const repository = await openLocal(repositoryPath);
  return {
    provider: "local",
    repository: repository.path,
    name: path.basename(repository.path).replace(/\.git$/, ""),
    defaultBranch: (await headBranch(repository)) ?? "main",
    installationId: null,
  };
}

/** A GitHub repository ("owner/name") that one of the team's App installations reaches. */
async function githubTarget(db: Database, teamId: string, fullName: string): Promise<PinTarget> {
  if (!/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(fullName))
    throw new AppError("bad_request:repository", "A GitHub repository is written owner/name");
  const reachable = await getPinnableRepositories({ db, teamIds: [teamId], fullName });
  const found = reachable[0];
  if (!found) {
    throw new AppError(
      "bad_request:repository",
      `${fullName} is not reachable by this team's GitHub App installations; install the App on it, or add it to the installation`,
    );
  }
  return {
    provider: "github",
    repository: found.fullName,
    name: path.basename(found.fullName),
    defaultBranch: found.defaultBranch ?? "main",
    installationId: found.installationId,
  };
}

/**
 * Pins a repository as a project card of a team: a local git repository by its path, or a
 * GitHub repository the team's App installations reach. A repository the team pinned
 * before and unpinned is pinned again with its settings and runs; one pinned now is a 409.
 */
export async function pinProject({
  db,
  actor,
  ip,
  input,
}: {
  db: Database;
  actor: Actor;
  ip: string | null;
  input: PinProjectInput;
}): Promise<{ project: Project; created: boolean }> {
  const target =
    input.provider === "github"
      ? await githubTarget(db, input.teamId, input.repository.trim())
      : await localTarget(input.repository);
  const existing = await getProjectByRepository({
    db,
    teamId: input.teamId,
    provider: target.provider,
    repository: target.repository,
  });
  if (existing?.pinned)
    throw new AppError("conflict:project_exists", `${target.repository} is already pinned as project ${existing.id}`);

  const pinned = await db
    .transaction(async (tx) => {
      const project = existing
        ? // A project unlinked by an uninstall is linked to the installation that reaches it now.
          await updateProject({
            db: tx,
            id: existing.id,
            values: { pinned: true, installationId: target.installationId ?? existing.installationId },
          })
        : await createProject({
            db: tx,
            values: { teamId: input.teamId, ...target, pinned: true, settings: defaultProjectSettings() },
          });
      if (!project) throw new AppError("not_found:project", "Project not found");
      await recordAudit({
        db: tx,
        actor,
        teamId: project.teamId,
        action: "project.pinned",
        targetType: "project",
        targetId: project.id,
        data: { provider: project.provider, repository: project.repository, repinned: Boolean(existing) },
        ip,
      });
      return { project, created: !existing };
    })
    .catch((error: unknown) => {
      // Two pins of one repository at once: the unique (team, provider, repository) decides.
      if (isUniqueViolation(error))
        throw new AppError("conflict:project_exists", `${target.repository} is already pinned`);
      throw error;
    });
  // Its code index is made in the background; without an engine now, the 5-minute check makes it later.
  void requestCodeIndexSync({ projectId: pinned.project.id, reason: "pinned" }).catch(() => undefined);
  return pinned;
}

function isUniqueViolation(error: unknown): boolean {
  const codeOf = (value: unknown) =>
    typeof value === "object" && value !== null && "code" in value ? value.code : undefined;
  return codeOf(error) === "23505" || (error instanceof Error && codeOf(error.cause) === "23505");
}
