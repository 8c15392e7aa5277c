import type { Database } from "@/db/client";
import { getRunContext, type RunContextRow } from "@/db/queries/runs";
import { AppError } from "@/lib/platform/errors";

export type RunContext = RunContextRow;

export const runBranch = (runId: string) => `mergeline/run-${runId}`;

/** The branch a run works on: its own, or the one it was started on (a studio session's). */
export const branchOfRun = (run: { id: string; branch: string | null }) => run.branch ?? runBranch(run.id);

/** A run with its project, pull request and issue number (one query): what every pipeline step starts from. */
export async function loadRun({ db, runId }: { db: Database; runId: string }): Promise<RunContext> {
  const context = await getRunContext({ db, runId });
  if (!context) throw new AppError("not_found:run", `Run ${runId} does not exist`);
  // What the repository's .mergeline.yml set for this run counts as the project's settings for it.
  const overrides = context.run.settingsOverrides;
  if (!overrides) return context;
  return { ...context, project: { ...context.project, settings: { ...context.project.settings, ...overrides } } };
}
