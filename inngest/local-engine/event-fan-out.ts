import { celMatches } from "./cel";
import type { EngineContext } from "./context";
import { debounceEvent } from "./debounce";
import { resolveDueAt } from "./duration";
import { triggeredBy } from "./function-config";
import { cancelledError, finishRun, resolveStep, startRun } from "./run-lifecycle";
import type { StoreQueries } from "./store-queries";
import type { InngestEvent, RunRecord } from "./types";

// A cancelOn timeout that cannot be read leaves the rule active for the run's lifetime.
function cancelRuleActive(timeout: string | undefined, run: RunRecord, now: number): boolean {
  if (!timeout) return true;
  try {
    return now <= resolveDueAt(timeout, run.startedAt);
  } catch {
    return true;
  }
}

/** Cancels running runs whose function's cancelOn matches (`event` = their trigger, `async` = this). */
async function cancelMatchingRuns(tx: StoreQueries, ctx: EngineContext, event: InngestEvent): Promise<void> {
  const candidates = ctx.registry.functions().filter(({ fn }) => fn.cancel?.some((rule) => rule.event === event.name));
  if (candidates.length === 0) return;
  const now = ctx.clock.now();
  for (const run of await tx.listRunningRuns(candidates.map(({ fn }) => fn.id))) {
    const rules = ctx.registry.getFunction(run.fnId)?.fn.cancel ?? [];
    const cancels = rules.some(
      (rule) =>
        rule.event === event.name &&
        cancelRuleActive(rule.timeout, run, now) &&
        (!rule.if || celMatches(rule.if, { event: run.event, async: event })),
    );
    if (!cancels) continue;
    // Re-read: an earlier cancellation in this loop may have resolved this run's invoke.
    const current = await tx.getRun(run.runId);
    if (current?.status === "Running") {
      ctx.logger.info({ runId: run.runId, fnId: run.fnId, event: event.name }, "run cancelled by event");
      await finishRun(tx, ctx, current, { status: "Cancelled", error: cancelledError() });
    }
  }
}

/** Resolves step.waitForEvent calls this event satisfies, oldest wait first. */
async function resolveMatchingWaits(tx: StoreQueries, ctx: EngineContext, event: InngestEvent): Promise<void> {
  for (const wait of await tx.waitsForEvent(event.name)) {
    const run = await tx.getRun(wait.runId);
    if (run?.status !== "Running") {
      await tx.deleteWaits({ runId: wait.runId });
      continue;
    }
    if (wait.expression && !celMatches(wait.expression, { event: run.event, async: event })) continue;
    await tx.deleteWaits({ runId: wait.runId, stepId: wait.stepId });
    await tx.deleteJobs({ runId: wait.runId, kind: "wait-timeout", stepId: wait.stepId });
    await resolveStep(tx, ctx, run, wait.stepId, { data: event });
  }
}

/**
 * Applies a received event: cancellations and waits first (they concern runs that existed
 * before it), then a new run of every function it triggers.
 */
export async function fanOutEvent(
  tx: StoreQueries,
  ctx: EngineContext,
  eventId: string,
  onlyFnId?: string,
): Promise<void> {
  const record = await tx.getEvent(eventId);
  if (!record) return;
  const event = record.payload;
  if (onlyFnId) {
    const target = ctx.registry.getFunction(onlyFnId);
    if (target) await startRun(tx, ctx, { appId: target.appId, fn: target.fn, event, eventId });
    return;
  }
  await cancelMatchingRuns(tx, ctx, event);
  await resolveMatchingWaits(tx, ctx, event);
  for (const { appId, fn } of ctx.registry.functions()) {
    if (!triggeredBy(fn, event)) continue;
    const { debounce } = fn;
    if (debounce) await debounceEvent(tx, ctx, { fn: { ...fn, debounce }, event, eventId });
    else await startRun(tx, ctx, { appId, fn, event, eventId });
  }
}
