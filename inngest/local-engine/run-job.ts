import { applyCallOutcome } from "./apply-call-outcome";
import { randomUUID } from "node:crypto";
import { type CallOutcome, callApp } from "./call-app";
import type { EngineContext } from "./context";
import { runDebounceJob } from "./debounce";
import { fanOutEvent } from "./event-fan-out";
import { callUrl } from "./function-config";
import { DISCOVERY, finishRun, resolveStep } from "./run-lifecycle";
import type { JobRecord, StepResult } from "./types";

const TIMER_RESULTS: Record<"sleep" | "wait-timeout" | "invoke-timeout", StepResult> = {
  // A sleep and a timed-out wait are memoized as null (SDK spec 5.3.2, 5.3.3).
  sleep: { data: null },
  "wait-timeout": { data: null },
  "invoke-timeout": {
    error: { name: "InngestInvokeTimeoutError", message: "Timed out waiting for the invoked function to complete" },
  },
};

async function runTimerJob(ctx: EngineContext, job: JobRecord & { kind: keyof typeof TIMER_RESULTS }): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.takeJob(job.id)) || !job.runId || !job.stepId) return;
    const run = await tx.getRun(job.runId);
    if (run?.status !== "Running" || !run.pending.includes(job.stepId)) return;
    if (job.kind === "wait-timeout") await tx.deleteWaits({ runId: run.runId, stepId: job.stepId });
    await resolveStep(tx, ctx, run, job.stepId, TIMER_RESULTS[job.kind]);
  });
}

/**
 * Executes a call job: the HTTP call happens outside any transaction; its result is applied
 * in one that first takes the job. A job taken by someone else (the run was cancelled
 * meanwhile) means the result is dropped. A crash before that commit leaves the job in
 * place, so the call runs again on restart: at least once for steps in flight.
 */
async function runCallJob(ctx: EngineContext, job: JobRecord, signal: AbortSignal): Promise<void> {
  const run = job.runId ? await ctx.store.getRun(job.runId) : null;
  const stepId = job.stepId ?? DISCOVERY;
  const registered = run ? ctx.registry.getFunction(run.fnId) : undefined;
  if (run?.status !== "Running" || !registered || (stepId !== DISCOVERY && stepId in run.steps)) {
    await ctx.store.transaction(async (tx) => {
      if (!(await tx.takeJob(job.id)) || !run || run.status !== "Running" || registered) return;
      const current = await tx.getRun(run.runId);
      const message = `Function "${run.fnId}" is not synced with this engine any more`;
      if (current)
        await finishRun(tx, ctx, current, { status: "Failed", error: { name: "FunctionNotFoundError", message } });
    });
    return;
  }

  const url = callUrl(registered.fn, stepId);
  ctx.logger.debug({ runId: run.runId, fnId: run.fnId, stepId, attempt: job.attempt }, "calling the app");
  const token = randomUUID();
  ctx.callsInFlight.set(job.id, token);
  let outcome: CallOutcome;
  try {
    outcome = await callApp({
      url,
      run,
      job,
      callId: `${job.id}:${token}`,
      now: ctx.clock.now(),
      timeoutMs: ctx.tuning.callTimeoutMs,
      signal,
      keys: ctx.keys,
    });
  } finally {
    // The answer is in (or the call given up on): nothing more may be checkpointed by it.
    if (ctx.callsInFlight.get(job.id) === token) ctx.callsInFlight.delete(job.id);
  }
  // The engine is stopping: leave the job for the next start rather than record an abort.
  if (signal.aborted) return;
  if (outcome.kind === "unreachable") ctx.reachability.markDown(run.appId);

  await ctx.store.transaction(async (tx) => {
    if (!(await tx.takeJob(job.id))) return;
    const current = await tx.getRun(run.runId);
    if (current?.status !== "Running") return;
    await applyCallOutcome(tx, ctx, current, job, outcome);
  });
}

export async function runJob(ctx: EngineContext, job: JobRecord, signal: AbortSignal): Promise<void> {
  switch (job.kind) {
    case "event":
      await ctx.store.transaction(async (tx) => {
        if (!(await tx.takeJob(job.id))) return;
        const onlyFnId = typeof job.payload.onlyFnId === "string" ? job.payload.onlyFnId : undefined;
        await fanOutEvent(tx, ctx, String(job.payload.eventId), onlyFnId);
      });
      return;
    case "call":
      return runCallJob(ctx, job, signal);
    case "debounce":
      return runDebounceJob(ctx, job);
    case "sleep":
    case "wait-timeout":
    case "invoke-timeout":
      return runTimerJob(ctx, { ...job, kind: job.kind });
    default:
      throw new Error(`Unknown job kind "${String(job.kind)}"`);
  }
}
