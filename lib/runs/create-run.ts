import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { setRunPipelineEvent } from "@/db/queries/run-reconciliation";
import { insertRun } from "@/db/queries/runs";
import { type AgentChoice, type Project, type Run, runs } from "@/db/schema";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { inngest } from "@/lib/inngest/client";
import { runRequested } from "@/lib/inngest/events";
import { assertPlayableGoal } from "@/lib/runs/assert-playable-goal";

export type CreateRunInput = {
  project: Project;
  goal: string;
  requirements?: string | null;
  acceptanceCriteria?: string[];
  source: Run["source"];
  baseBranch?: string;
  autoConfirm?: boolean;
  priority?: number;
  issueId?: string | null;
  createdBy?: string | null;
  /** A branch that already holds the work (a studio session's): the run starts at validation. */
  branch?: string;
  /** The run's coding agents (runAgentsFor): one, or 2 to 4 for best-of-N; null: the project's. */
  agents?: AgentChoice[] | null;
};

/**
 * Creates a run and hands it to the pipeline (`run/requested`). A goal the project's
 * scripted model cannot play is refused first (assertPlayableGoal), unless the run adopts a
 * branch. If the event cannot be
 * sent the run is removed again, so no run sits queued with nothing to pick it up.
 */
export async function createRun({
  db,
  input,
  beforeStart,
}: {
  db: Database;
  input: CreateRunInput;
  /** Runs before the pipeline hears of the run (records it needs first); a failure removes the run. */
  beforeStart?: (run: Run) => Promise<void>;
}): Promise<Run> {
  const { project } = input;
  const autoConfirm = input.autoConfirm ?? project.settings.autoConfirmPlans;
  const baseBranch = input.baseBranch ?? project.defaultBranch;
  // A run on a branch that already holds the work (a finalized studio session) starts at
  // validation: no model is asked to plan the goal, so there is nothing to refuse.
  if (!input.branch) await assertPlayableGoal({ db, project, goal: input.goal, baseBranch });
  const run = await insertRun({
    db,
    values: {
      projectId: project.id,
      issueId: input.issueId ?? null,
      source: input.source,
      goal: input.goal,
      requirements: input.requirements ?? null,
      acceptanceCriteria: input.acceptanceCriteria ?? [],
      priority: input.priority ?? 0,
      baseBranch,
      autoConfirm,
      autoConfirmSource: autoConfirm ? (project.settings.autoConfirmPlans ? "project" : "run") : null,
      budget: project.settings.budget,
      createdBy: input.createdBy ?? null,
      branch: input.branch ?? null,
      agents: input.agents ?? null,
      stateChangedAt: new Date(),
    },
  });
  if (beforeStart) {
    try {
      await beforeStart(run);
    } catch (error) {
      await db.delete(runs).where(eq(runs.id, run.id));
      throw error;
    }
  }
  let eventId: string | undefined;
  try {
    // Stand-ins for the client in tests may answer nothing.
    const sent: { ids?: string[] } | undefined = await inngest.send(
      runRequested.create({ runId: run.id, projectId: project.id }),
    );
    eventId = sent?.ids?.[0];
  } catch (error) {
    await db.delete(runs).where(eq(runs.id, run.id));
    logger.error({ err: error, runId: run.id }, "could not enqueue run");
    throw new AppError("unavailable:pipeline", "The pipeline engine is not reachable; the run was not started");
  }
  // Reconciliation (reconcile-runs.ts) finds the run's function run by this event.
  if (eventId) await setRunPipelineEvent({ db, runId: run.id, eventId });
  return run;
}
