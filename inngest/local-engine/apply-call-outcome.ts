import { retryDelay } from "./backoff";
import { type CallOutcome, type Op, toSerializedError } from "./call-app";
import type { EngineContext } from "./context";
import { resolveDueAt } from "./duration";
import { finishRun, memoize, scheduleDiscovery, startRun } from "./run-lifecycle";
import type { StoreQueries } from "./store-queries";
import type { JobRecord, RunRecord, StepResult } from "./types";
import { ulid } from "./ulid";

type Plan =
  | { type: "memoize"; id: string; result: StepResult }
  | { type: "retry"; id: string; attempt: number; dueAt: number }
  | { type: "call"; id: string }
  | { type: "sleep"; id: string; dueAt: number }
  | { type: "wait"; id: string; eventName: string; expression: string | null; expiresAt: number }
  | { type: "invoke"; id: string; fnId: string; data: Record<string, unknown>; v?: string; dueAt: number | null }
  | { type: "complete"; output: unknown };

const SUPPORTED_OPS = [
  "StepRun",
  "StepError",
  "StepFailed",
  "StepPlanned",
  "Sleep",
  "WaitForEvent",
  "InvokeFunction",
  "RunComplete",
];

class OpError extends Error {
  override name = "OpError";
}

const str = (value: unknown): string | undefined => (typeof value === "string" && value ? value : undefined);

function retryAt(ctx: EngineContext, attempt: number, retryAfterMs: number | null): number {
  const { retryBaseMs: baseMs, retryMaxMs: maxMs, random } = ctx.tuning;
  return ctx.clock.now() + (retryAfterMs ?? retryDelay(attempt, { baseMs, maxMs, random }));
}

/** What an op asks for; throws OpError when its options cannot be honoured. */
function planOp(ctx: EngineContext, run: RunRecord, job: JobRecord, op: Op, retryAfterMs: number | null): Plan {
  const now = ctx.clock.now();
  const opts = op.opts ?? {};
  switch (op.op) {
    case "StepRun":
      return { type: "memoize", id: op.id, result: { data: op.data ?? null } };
    case "StepFailed":
      return { type: "memoize", id: op.id, result: { error: toSerializedError(op.error, "step failed") } };
    case "StepError":
      // The SDK sends StepFailed on the last attempt; the engine enforces the limit as well.
      if (job.attempt + 1 >= run.maxAttempts)
        return { type: "memoize", id: op.id, result: { error: toSerializedError(op.error, "step failed") } };
      return { type: "retry", id: op.id, attempt: job.attempt + 1, dueAt: retryAt(ctx, job.attempt, retryAfterMs) };
    case "StepPlanned":
      return { type: "call", id: op.id };
    case "Sleep": {
      const until = str(op.name) ?? str(opts.duration);
      if (!until) throw new OpError(`step.sleep "${op.displayName ?? op.id}" has no duration`);
      return { type: "sleep", id: op.id, dueAt: resolveDueAt(until, now) };
    }
    case "WaitForEvent": {
      const eventName = str(op.name) ?? str(opts.event);
      const timeout = str(opts.timeout);
      if (!eventName || !timeout)
        throw new OpError(`step.waitForEvent "${op.displayName ?? op.id}" needs an event name and a timeout`);
      return {
        type: "wait",
        id: op.id,
        eventName,
        expression: str(opts.if) ?? null,
        expiresAt: resolveDueAt(timeout, now),
      };
    }
    case "InvokeFunction": {
      const fnId = str(opts.function_id);
      if (!fnId) throw new OpError(`step.invoke "${op.displayName ?? op.id}" names no function`);
      if (!ctx.registry.getFunction(fnId)) {
        const error = { name: "Error", message: `step.invoke: function "${fnId}" is not synced with this engine` };
        return { type: "memoize", id: op.id, result: { error } };
      }
      const payload = (opts.payload ?? {}) as { data?: Record<string, unknown>; v?: string };
      const timeout = str(opts.timeout);
      return {
        type: "invoke",
        id: op.id,
        fnId,
        data: payload.data ?? {},
        v: payload.v,
        dueAt: timeout ? resolveDueAt(timeout, now) : null,
      };
    }
    case "RunComplete":
      return { type: "complete", output: op.data ?? null };
    default:
      throw new OpError(`unreachable op ${op.op}`);
  }
}

async function startInvoke(
  tx: StoreQueries,
  ctx: EngineContext,
  run: RunRecord,
  plan: Extract<Plan, { type: "invoke" }>,
): Promise<void> {
  const target = ctx.registry.getFunction(plan.fnId);
  if (!target) return;
  const now = ctx.clock.now();
  const internalId = ulid(now);
  const event = {
    id: internalId,
    name: "inngest/function.invoked",
    data: plan.data,
    ts: now,
    ...(plan.v ? { v: plan.v } : {}),
  };
  await tx.insertEvent({ internalId, name: event.name, payload: event, receivedAt: now }, null);
  await startRun(tx, ctx, {
    appId: target.appId,
    fn: target.fn,
    event,
    eventId: internalId,
    parent: { runId: run.runId, stepId: plan.id },
  });
  if (plan.dueAt !== null)
    await tx.insertJob({ kind: "invoke-timeout", runId: run.runId, stepId: plan.id, dueAt: plan.dueAt });
}

async function applyOps(
  tx: StoreQueries,
  ctx: EngineContext,
  run: RunRecord,
  job: JobRecord,
  ops: Op[],
  retryAfterMs: number | null,
) {
  const unsupported = ops.find((op) => !SUPPORTED_OPS.includes(op.op));
  if (unsupported) {
    const step = unsupported.displayName ?? unsupported.name ?? unsupported.id;
    const message =
      `The local Inngest engine does not support the "${unsupported.op}" op (step "${step}"). ` +
      "Run this function on an Inngest server (npx inngest-cli dev, inngest start or Inngest Cloud), or use another step tool.";
    return finishRun(tx, ctx, run, { status: "Failed", error: { name: "UnsupportedOpError", message } });
  }
  let plans: Plan[];
  try {
    plans = ops.map((op) => planOp(ctx, run, job, op, retryAfterMs));
  } catch (error) {
    return finishRun(tx, ctx, run, { status: "Failed", error: toSerializedError(error, "invalid op") });
  }

  // Several ops at once are parallel steps: from now on the SDK must plan every step.run.
  if (ops.length > 1) run.disableImmediate = true;
  if (ops.some((op) => op.opts?.parallelMode === "race")) run.race = true;
  const racing = run.race;
  let resolved = false;
  let progressed = false;
  for (const plan of plans) {
    if (plan.type === "complete" || plan.id in run.steps) continue;
    progressed = true;
    if (plan.type === "memoize") {
      memoize(run, plan.id, plan.result);
      resolved = true;
      continue;
    }
    if (plan.type === "retry") {
      if (!run.pending.includes(plan.id)) run.pending.push(plan.id);
      await tx.insertJob({ kind: "call", runId: run.runId, stepId: plan.id, attempt: plan.attempt, dueAt: plan.dueAt });
      ctx.logger.warn({ runId: run.runId, step: plan.id, attempt: plan.attempt }, "step failed; retrying");
      continue;
    }
    // In race mode the SDK reports still-pending steps again: they are already under way.
    if (run.pending.includes(plan.id)) continue;
    run.pending.push(plan.id);
    if (plan.type === "call")
      await tx.insertJob({ kind: "call", runId: run.runId, stepId: plan.id, dueAt: ctx.clock.now() });
    if (plan.type === "sleep")
      await tx.insertJob({ kind: "sleep", runId: run.runId, stepId: plan.id, dueAt: plan.dueAt });
    if (plan.type === "wait") {
      const { eventName, expression, expiresAt } = plan;
      await tx.insertWait({ runId: run.runId, stepId: plan.id, eventName, expression, expiresAt });
      await tx.insertJob({ kind: "wait-timeout", runId: run.runId, stepId: plan.id, dueAt: expiresAt });
    }
    if (plan.type === "invoke") await startInvoke(tx, ctx, run, plan);
  }

  const complete = plans.find((plan) => plan.type === "complete");
  if (complete) return finishRun(tx, ctx, run, { status: "Completed", output: complete.output });
  // Only steps that already ran, nothing under way: calling again would loop for ever.
  if (!progressed && run.pending.length === 0) {
    const message = "The SDK reported only steps that already completed; is the function deterministic?";
    return finishRun(tx, ctx, run, { status: "Failed", error: { name: "ProtocolError", message } });
  }
  if (run.pending.length === 0 || (racing && resolved)) await scheduleDiscovery(tx, ctx, run);
  await tx.updateRun(run);
}

/** Applies the answer to one call, in the transaction that also removed its job. */
export async function applyCallOutcome(
  tx: StoreQueries,
  ctx: EngineContext,
  run: RunRecord,
  job: JobRecord,
  outcome: CallOutcome,
): Promise<void> {
  if (outcome.kind === "completed") return finishRun(tx, ctx, run, { status: "Completed", output: outcome.output });
  if (outcome.kind === "ops") return applyOps(tx, ctx, run, job, outcome.ops, outcome.retryAfterMs);

  // The app did not answer: the same attempt again once it does (app-reachability.ts holds
  // the call till then), unless it has not answered for longer than the limit.
  let unreachableSince: number | null = null;
  if (outcome.kind === "unreachable") {
    const now = ctx.clock.now();
    const held = typeof job.payload.unreachableSince === "number" ? job.payload.unreachableSince : now;
    unreachableSince = Math.min(held, ctx.reachability.downSince(run.appId) ?? now);
    if (now - unreachableSince < ctx.tuning.appUnreachableMs) {
      await tx.insertJob({
        kind: "call",
        runId: run.runId,
        stepId: job.stepId,
        attempt: job.attempt,
        dueAt: now,
        payload: { unreachableSince },
      });
      ctx.logger.debug(
        { runId: run.runId, fnId: run.fnId, error: outcome.error.message },
        "app unreachable; call held",
      );
      return;
    }
  }
  const noRetry = outcome.kind === "error" && outcome.noRetry;
  if (noRetry || job.attempt + 1 >= run.maxAttempts) {
    return finishRun(tx, ctx, run, { status: "Failed", error: outcome.error });
  }
  const attempt = job.attempt + 1;
  await tx.insertJob({
    kind: "call",
    runId: run.runId,
    stepId: job.stepId,
    attempt,
    dueAt: retryAt(ctx, job.attempt, outcome.kind === "error" ? outcome.retryAfterMs : null),
    // Past the limit every unanswered call counts, until the app answers once.
    ...(unreachableSince !== null ? { payload: { unreachableSince } } : {}),
  });
  ctx.logger.warn(
    { runId: run.runId, fnId: run.fnId, attempt, error: outcome.error.message },
    "function errored; retrying",
  );
}
