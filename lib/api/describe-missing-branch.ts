import type { Database } from "@/db/client";
import type { Project } from "@/db/schema";
import { getGitProvider } from "@/lib/git-provider";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";

/**
 * Why a new run of `project` cannot start from `branch`, or null when it can: checked with
 * the repository before the run is created, so a mistyped branch is a 400 now rather than
 * a run that fails once the pipeline looks. A definite answer from the provider (the
 * repository is gone, the GitHub App is not installed) is thrown as it is; when the host
 * cannot answer at all (GitHub down), the run starts and its pipeline, which retries,
 * reports what it finds.
 */
export async function describeMissingBranch({
  db,
  project,
  branch,
}: {
  db: Database;
  project: Project;
  branch: string;
}): Promise<string | null> {
  try {
    const exists = await getGitProvider(project, { db }).branchExists({ project, branch });
    return exists ? null : `There is no branch "${branch}" in ${project.repository}`;
  } catch (error) {
    if (error instanceof AppError) throw error;
    logger.warn({ err: error, projectId: project.id, branch }, "could not check a new run's base branch");
    return null;
  }
}
