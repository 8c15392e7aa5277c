import type { Database } from "@/db/client";
import { claimRunResume, getQuietLiveRuns, setRunPipelineEvent } from "@/db/queries/run-reconciliation";
import type { Run, RunState } from "@/db/schema";
import { inngest } from "@/lib/inngest/client";
import { runRequested } from "@/lib/inngest/events";
import { logger } from "@/lib/platform/logger";
import { endRun } from "@/lib/runs/end-run";
import type { PipelineEngine, PipelineFunctionRun } from "@/lib/runs/reconcile-runs-engine";

export type ReconcileAction = "resumed" | "failed" | "cancelled";
export type ReconciledRun = { runId: string; state: RunState; action: ReconcileAction; reason: string };

/** Sends `run/requested` again for a run; resolves with Inngest's id for the event. */
export type ResendRunRequested = (run: Run, idempotencyKey: string) => Promise<string>;

// A run whose state and pipeline event are younger than this is left alone: its event may
// not have started a function run yet, or a failure handler may still be ending it.
const QUIET_MS = 2 * 60_000;
// A run resumed this often that stops again is ended rather than resumed for ever.
const MAX_RESUMES = 3;
// Runs made before they recorded their pipeline event are looked up in Inngest's list of
// events, which the embedded engine keeps 7 days: older ones are left alone.
const LOOKUP_DAYS = 6;

// The engine's error for a call the app never answered: no failure of the pipeline itself.
const isUnanswered = (run: PipelineFunctionRun) => run.error?.startsWith("Could not call the app") ?? false;

/**
 * Whether sending `run/requested` again carries the run on from its state. run-pipeline
 * starts over from its first step and each step is idempotent (start-run, plan and the
 * code attempt start from what is recorded and from the branch's last pushed commit), but
 * only up to coding: plan-run moves a run that does not auto-confirm to awaiting_approval,
 * which a run already coding cannot go back to, and the first code attempt moves the run to
 * coding, which a run with a pull request (pr_open, validating, fixing, ready, merging) can
 * no longer enter. Those are ended, for a person to Retry.
 */
function resumable(run: Run): boolean {
  if (run.state === "coding") return run.autoConfirm;
  return run.state === "queued" || run.state === "planning" || run.state === "awaiting_approval";
}

// "while the run was <words>": the state as a person reads it.
const stateWords = (state: RunState) => (state === "pr_open" ? "opening its pull request" : state.replace("_", " "));

const defaultResend: ResendRunRequested = async (run, idempotencyKey) => {
  const { ids } = await inngest.send(
    runRequested.create({ runId: run.id, projectId: run.projectId }, { id: idempotencyKey }),
  );
  if (!ids[0]) throw new Error("Inngest returned no event id");
  return ids[0];
};

/**
 * Finds runs that are not ended but have no live function run behind them (the engine lost
 * it, it was failed for want of an app that answered, its failure handler never ran) and
 * resumes each (`run/requested` again, once: concurrent reconciliations race on a claim)
 * or ends it with a reason a person can act on. Runs whose pipeline is running, finished
 * (a merge GitHub completes later), or recently ended are left alone; so is everything
 * when Inngest does not answer.
 */
export async function reconcileRuns({
  db,
  engine,
  resend = defaultResend,
  now = new Date(),
  quietMs = QUIET_MS,
}: {
  db: Database;
  engine: PipelineEngine;
  resend?: ResendRunRequested;
  now?: Date;
  quietMs?: number;
}): Promise<ReconciledRun[]> {
  const done: ReconciledRun[] = [];
  const quietSince = new Date(now.getTime() - quietMs);
  const recordedSince = new Date(now.getTime() - LOOKUP_DAYS * 24 * 3_600_000);
  for (const found of await getQuietLiveRuns({ db, quietSince, recordedSince })) {
    let run = found;
    let functionRuns: PipelineFunctionRun[];
    try {
      if (!run.pipelineEventId) {
        // A run from before runs recorded their event: its event, or an id Inngest knows
        // nothing of (the run then has no function run behind it).
        const eventId = (await engine.runRequestedEventOf(run)) ?? `unknown-${run.id}`;
        await setRunPipelineEvent({ db, runId: run.id, eventId, at: run.createdAt });
        run = { ...run, pipelineEventId: eventId, pipelineEventAt: run.createdAt };
      }
      functionRuns = (await engine.functionRunsOf(run.pipelineEventId!)).filter((entry) =>
        entry.functionId.endsWith("run-pipeline"),
      );
    } catch (error) {
      logger.warn({ err: error, runId: run.id }, "reconciliation: Inngest did not answer; trying again later");
      break;
    }
    // Running (or a status this code does not know): alive. Completed: the pipeline decided.
    if (functionRuns.some((entry) => entry.status !== "Failed" && entry.status !== "Cancelled")) continue;
    const last = functionRuns.at(-1);
    if (last?.endedAt && now.getTime() - last.endedAt.getTime() < quietMs) continue;
    // A run merging with GitHub's auto-merge outlives its pipeline, whose record Inngest
    // may have pruned by now: without a failure on record it is waiting for GitHub.
    if (!last && run.state === "merging") continue;

    let outcome: ReconciledRun | null;
    try {
      outcome = await settle(db, run, last, resend);
    } catch (error) {
      // Ended meanwhile by someone else (a cancellation), or Inngest refused the event.
      logger.warn({ err: error, runId: run.id }, "reconciliation: could not settle a run; trying again later");
      continue;
    }
    if (outcome) {
      logger.info({ ...outcome, eventId: run.pipelineEventId }, "reconciliation: run had no live pipeline");
      done.push(outcome);
    }
  }
  return done;
}

async function settle(
  db: Database,
  run: Run,
  last: PipelineFunctionRun | undefined,
  resend: ResendRunRequested,
): Promise<ReconciledRun | null> {
  const where = stateWords(run.state);
  if (last?.status === "Cancelled") {
    const reason = `The run was cancelled while it was ${where}`;
    const { ended } = await endRun({ db, runId: run.id, to: "cancelled", reason });
    return ended ? { runId: run.id, state: run.state, action: "cancelled", reason } : null;
  }
  // The pipeline failed on its own (its handler did not record it): say why, as the handler would.
  if (last?.status === "Failed" && !isUnanswered(last)) {
    const reason = `The pipeline failed while the run was ${where}: ${last.error ?? "no error given"}`.slice(0, 2000);
    const { ended } = await endRun({ db, runId: run.id, to: "failed", reason });
    return ended ? { runId: run.id, state: run.state, action: "failed", reason } : null;
  }
  if (resumable(run) && run.pipelineResumes < MAX_RESUMES) {
    const claimed = await claimRunResume({
      db,
      runId: run.id,
      eventId: run.pipelineEventId!,
      resumes: run.pipelineResumes,
    });
    if (!claimed) return null;
    // The same key for the same resume: Inngest starts one run for it however often it is sent.
    const eventId = await resend(run, `run-requested:${run.id}:resume-${run.pipelineResumes + 1}`);
    await setRunPipelineEvent({ db, runId: run.id, eventId });
    return {
      runId: run.id,
      state: run.state,
      action: "resumed",
      reason: `The pipeline was resumed while the run was ${where}`,
    };
  }
  const reason =
    run.pipelineResumes >= MAX_RESUMES
      ? `The pipeline stopped while the run was ${where}, again after ${MAX_RESUMES} resumes; Retry starts it again`
      : `The pipeline stopped while the run was ${where} and could not be resumed; Retry starts it again`;
  const { ended } = await endRun({ db, runId: run.id, to: "failed", reason });
  return ended ? { runId: run.id, state: run.state, action: "failed", reason } : null;
}
