import { z } from "zod";
import type { EngineContext } from "./context";
import type { StoreQueries } from "./store-queries";
import type { InngestEvent } from "./types";
import { ulid } from "./ulid";

/** An event as POSTed to /e/:key (SDK spec 1.3.4); unknown keys (meta) are dropped. */
export const eventInputSchema = z.object({
  name: z.string().trim().min(1, "an event needs a name"),
  data: z.record(z.string(), z.unknown()).nullish(),
  id: z.string().nullish(),
  ts: z.number().nullish(),
  user: z.record(z.string(), z.unknown()).nullish(),
  v: z.string().nullish(),
});

export type EventInput = z.infer<typeof eventInputSchema>;

// An event with a user-given id is processed once per id within this window (Inngest's rule).
const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

export type IngestOptions = {
  /** Fixed id (from the SDK's id seed, so a retried send is recognised). */
  internalId?: string;
  /** Start only this function (cron ticks), and skip waits and cancellations. */
  onlyFnId?: string;
};

/**
 * Stores an event and queues its fan-out (runs, waits, cancellations) as a job in the same
 * transaction, so an accepted event is never lost. A repeated id is accepted, not re-run.
 */
export async function ingestEvent(
  tx: StoreQueries,
  ctx: EngineContext,
  input: EventInput,
  options: IngestOptions = {},
): Promise<{ internalId: string; duplicate: boolean }> {
  const now = ctx.clock.now();
  const internalId = options.internalId ?? ulid(now);
  if (await tx.getEvent(internalId)) return { internalId, duplicate: true };

  const event: InngestEvent = {
    id: input.id ?? internalId,
    name: input.name,
    data: input.data ?? {},
    ts: input.ts ?? now,
    ...(input.user ? { user: input.user } : {}),
    ...(input.v ? { v: input.v } : {}),
  };
  const key = input.id ? `${input.name}:${input.id}` : null;
  const duplicate = key !== null && (await tx.idempotencyKeySeen(key, now - IDEMPOTENCY_WINDOW_MS));
  await tx.insertEvent({ internalId, name: event.name, payload: event, receivedAt: now }, duplicate ? null : key);
  if (duplicate) {
    ctx.logger.info(
      { eventId: internalId, name: event.name, id: input.id },
      "event id seen within 24h: stored, not processed",
    );
    return { internalId, duplicate: true };
  }
  await tx.insertJob({
    kind: "event",
    runId: null,
    stepId: null,
    dueAt: now,
    payload: { eventId: internalId, ...(options.onlyFnId ? { onlyFnId: options.onlyFnId } : {}) },
  });
  ctx.logger.debug({ eventId: internalId, name: event.name }, "event received");
  return { internalId, duplicate: false };
}
