import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { getProjectById } from "@/db/queries/projects";
import { getRunById } from "@/db/queries/runs";
import { type Project, type PullRequest, pullRequests, type Run } from "@/db/schema";
import { AppError } from "@/lib/platform/errors";

export type RunContext = { run: Run; project: Project; pullRequest: PullRequest | undefined };

export const runBranch = (runId: string) => `mergeline/run-${runId}`;

/** A run with its project and pull request: what every pipeline step starts from. */
export async function loadRun({ db, runId }: { db: Database; runId: string }): Promise<RunContext> {
  const run = await getRunById({ db, id: runId });
  if (!run) throw new AppError("not_found:run", `Run ${runId} does not exist`);
  const project = await getProjectById({ db, id: run.projectId });
  if (!project) throw new AppError("not_found:project", `Project ${run.projectId} does not exist`);
  const [pullRequest] = await db.select().from(pullRequests).where(eq(pullRequests.runId, runId)).limit(1);
  return { run, project, pullRequest };
}
