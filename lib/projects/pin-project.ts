import path from "node:path";
import type { Database } from "@/db/client";
import { createProject, getProjectByRepository, updateProject } from "@/db/queries/projects";
import type { Project } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { openRepository, repositoryGit } from "@/lib/git-provider/local/repository";
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
    if (error instanceof AppError && error.code === "not_found:repository") throw new AppError("bad_request:repository", error.message);
    throw error;
  }
}

/**
 * Pins a repository as a project card of a team. A repository the team pinned before and
 * unpinned is pinned again with its settings and runs; one pinned now is a 409.
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
  if (input.provider === "github") {
    throw new AppError("unavailable:github", "GitHub projects need the GitHub provider, which is not available yet; pin a local repository");
  }
  const repository = await openLocal(input.repository);
  const existing = await getProjectByRepository({ db, teamId: input.teamId, provider: "local", repository: repository.path });
  if (existing?.pinned) throw new AppError("conflict:project_exists", `${repository.path} is already pinned as project ${existing.id}`);
  const defaultBranch = (await headBranch(repository)) ?? "main";

  return db.transaction(async (tx) => {
    const project = existing
      ? await updateProject({ db: tx, id: existing.id, values: { pinned: true } })
      : await createProject({
          db: tx,
          values: {
            teamId: input.teamId,
            provider: "local",
            repository: repository.path,
            name: path.basename(repository.path).replace(/\.git$/, ""),
            defaultBranch,
            pinned: true,
            settings: defaultProjectSettings(),
          },
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
  }).catch((error: unknown) => {
    // Two pins of one repository at once: the unique (team, provider, repository) decides.
    if (isUniqueViolation(error)) throw new AppError("conflict:project_exists", `${repository.path} is already pinned`);
    throw error;
  });
}

function isUniqueViolation(error: unknown): boolean {
  const codeOf = (value: unknown) => (typeof value === "object" && value !== null && "code" in value ? value.code : undefined);
  return codeOf(error) === "23505" || (error instanceof Error && codeOf(error.cause) === "23505");
}
