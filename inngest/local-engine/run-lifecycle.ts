import type { EngineContext } from "./context";
import { ingestEvent } from "./event-ingest";
import { concurrencySlots, type FunctionConfig, maxAttempts } from "./function-config";
import type { StoreQueries } from "./store-queries";
import type { InngestEvent, RunRecord, SerializedError, StepResult } from "./types";
import { ulid } from "./ulid";

/** The stepId of a call that discovers (and may immediately run) the next steps. */
export const DISCOVERY = "step";

export type StartRunInput = {
  appId: string;
  fn: FunctionConfig;
  event: InngestEvent;
  eventId: string;
  parent?: RunRecord["parent"];
};

export async function startRun(tx: StoreQueries, ctx: EngineContext, input: StartRunInput): Promise<RunRecord> {
  const now = ctx.clock.now();
  const run: RunRecord = {
    runId: ulid(now),
    appId: input.appId,
    fnId: input.fn.id,
    eventId: input.eventId,
    event: input.event,
    status: "Running",
    steps: {},
    stack: [],
    pending: [],
    race: false,
    disableImmediate: false,
    maxAttempts: maxAttempts(input.fn),
    concurrency: concurrencySlots(input.fn, input.event),
    parent: input.parent ?? null,
    output: null,
    error: null,
    startedAt: now,
    endedAt: null,
  };
  await tx.insertRun(run);
  await tx.insertJob({ kind: "call", runId: run.runId, stepId: DISCOVERY, dueAt: now });
  ctx.logger.info({ runId: run.runId, fnId: run.fnId, event: run.event.name }, "run started");
  return run;
}

/** Records a step's result in the run (in memory): memoized state, completion order, pending. */
export function memoize(run: RunRecord, stepId: string, result: StepResult): void {
  if (stepId in run.steps) return;
  run.steps[stepId] = result;
  run.stack.push(stepId);
  run.pending = run.pending.filter((id) => id !== stepId);
  if (run.pending.length === 0) run.race = false;
}

/** Queues a discovery call unless one is already queued or executing. */
export async function scheduleDiscovery(tx: StoreQueries, ctx: EngineContext, run: RunRecord): Promise<void> {
  if (await tx.hasJob({ runId: run.runId, kind: "call", stepId: DISCOVERY })) return;
  await tx.insertJob({ kind: "call", runId: run.runId, stepId: DISCOVERY, dueAt: ctx.clock.now() });
}

/**
 * Resolves a step the run is waiting on (a sleep, a wait, an invoke) and persists it. The
 * run resumes once every step of the batch it reported has resolved, or at once in race mode.
 */
export async function resolveStep(
  tx: StoreQueries,
  ctx: EngineContext,
  run: RunRecord,
  stepId: string,
  result: StepResult,
): Promise<void> {
  if (run.status !== "Running" || stepId in run.steps) return;
  const racing = run.race;
  memoize(run, stepId, result);
  if (run.pending.length === 0 || racing) await scheduleDiscovery(tx, ctx, run);
  await tx.updateRun(run);
}

export type RunEnd =
  | { status: "Completed"; output: unknown }
  | { status: "Failed"; error: SerializedError }
  | { status: "Cancelled"; error: SerializedError };

const CANCELLED: SerializedError = { name: "Error", message: "function cancelled" };
export const cancelledError = (): SerializedError => ({ ...CANCELLED });

/**
 * Ends a run: no further calls (its jobs and waits go), the internal events Inngest emits
 * (function.failed triggers onFailure handlers), and the result of a step.invoke that waits.
 */
export async function finishRun(tx: StoreQueries, ctx: EngineContext, run: RunRecord, end: RunEnd): Promise<void> {
  run.status = end.status;
  run.output = end.status === "Completed" ? end.output : null;
  run.error = end.status === "Completed" ? null : end.error;
  run.endedAt = ctx.clock.now();
  run.pending = [];
  await tx.updateRun(run);
  await tx.deleteJobs({ runId: run.runId });
  await tx.deleteWaits({ runId: run.runId });
  ctx.logger.info({ runId: run.runId, fnId: run.fnId, status: run.status, error: run.error?.message }, "run finished");

  const base = { function_id: run.fnId, run_id: run.runId, event: run.event };
  if (end.status === "Failed")
    await ingestEvent(tx, ctx, { name: "inngest/function.failed", data: { ...base, error: end.error } });
  if (end.status === "Cancelled")
    await ingestEvent(tx, ctx, { name: "inngest/function.cancelled", data: { ...base, error: end.error } });
  // A function triggered by function.finished would otherwise trigger itself forever.
  if (run.event.name !== "inngest/function.finished") {
    const outcome = end.status === "Completed" ? { result: end.output } : { error: end.error };
    await ingestEvent(tx, ctx, { name: "inngest/function.finished", data: { ...base, ...outcome } });
  }

  if (run.parent) {
    const parent = await tx.getRun(run.parent.runId);
    if (!parent) return;
    await tx.deleteJobs({ runId: parent.runId, kind: "invoke-timeout", stepId: run.parent.stepId });
    const result: StepResult = end.status === "Completed" ? { data: end.output } : { error: end.error };
    await resolveStep(tx, ctx, parent, run.parent.stepId, result);
  }
}
