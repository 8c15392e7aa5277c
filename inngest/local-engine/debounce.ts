import type { EngineContext } from "./context";
import { resolveDueAt } from "./duration";
import { debounceGroup, type FunctionConfig } from "./function-config";
import { startRun } from "./run-lifecycle";
import type { StoreQueries } from "./store-queries";
import type { InngestEvent, JobRecord } from "./types";

// Debounce, as Inngest does it: the events of a group (the function and the value of its
// `key`) start one run, `period` after the last of them, with that last event; `timeout`
// caps the wait from the first. The pending run is a "debounce" job (in the store, so it
// survives a restart) that each new event of the group pushes back and points at itself.

export async function debounceEvent(
  tx: StoreQueries,
  ctx: EngineContext,
  input: {
    fn: FunctionConfig & { debounce: NonNullable<FunctionConfig["debounce"]> };
    event: InngestEvent;
    eventId: string;
  },
): Promise<void> {
  const { fn, eventId } = input;
  const now = ctx.clock.now();
  const group = debounceGroup(fn, input.event);
  const pending = await tx.lockDebounce(group);
  const firstAt = typeof pending?.payload.firstAt === "number" ? pending.payload.firstAt : now;
  let dueAt = resolveDueAt(fn.debounce.period, now);
  if (fn.debounce.timeout) dueAt = Math.min(dueAt, resolveDueAt(fn.debounce.timeout, firstAt));
  const payload = { fnId: fn.id, eventId, firstAt };
  if (pending) await tx.rescheduleJob(pending.id, dueAt, payload);
  else await tx.insertJob({ kind: "debounce", runId: null, stepId: group, dueAt, payload });
}

/** A debounce that fell due: the run starts with the group's last event, unless a later one pushed it back. */
export async function runDebounceJob(ctx: EngineContext, job: JobRecord): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    const current = await tx.lockJob(job.id);
    if (!current || current.dueAt > ctx.clock.now()) return;
    await tx.takeJob(job.id);
    const target = ctx.registry.getFunction(String(current.payload.fnId));
    const record = await tx.getEvent(String(current.payload.eventId));
    // The function was removed by a re-sync, or the event pruned: there is nothing to run.
    if (!target || !record) return;
    await startRun(tx, ctx, { appId: target.appId, fn: target.fn, event: record.payload, eventId: record.internalId });
  });
}
