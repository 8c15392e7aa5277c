import type { WebhookDeliveryValues } from "@/db/queries/webhook-deliveries";
import { logger } from "@/lib/platform/logger";

export type ForwarderOptions = {
  /** A burst has ended when no delivery came for this long: what waits is sent then. */
  quietMs?: number;
  /** Under a steady stream, nothing waits longer than this. */
  maxWaitMs?: number;
  maxBatch?: number;
  /** Payload bytes per request to Inngest (a batch always takes at least one event). */
  maxBatchBytes?: number;
  /** Waits between tries while Inngest refuses, doubling from the first to the last. */
  retryMs?: { first: number; max: number };
};

/** A delivery on its way: its serialized event (serialized-events.ts) and its database row. */
export type OutgoingDelivery = { line: Buffer; values: WebhookDeliveryValues };
type Item = OutgoingDelivery & { settle: () => void };

/**
 * Sends accepted deliveries to Inngest behind the 202, in batches: one request and one
 * database statement carry every delivery of a burst (debounced by `quietMs`, at most
 * `maxWaitMs` late), so a flood of webhooks costs a few requests, not one each. While
 * Inngest refuses, the batch waits and is tried again with backoff; meanwhile deliveries
 * keep being accepted (they are in the journal). After a send, `recordForwarded` stores
 * the delivery ids for deduplication and each item is settled.
 */
export function createWebhookForwarder({
  sendEvents,
  recordForwarded,
  quietMs = 20,
  maxWaitMs = 250,
  maxBatch = 100,
  maxBatchBytes = 2 * 1024 * 1024,
  retryMs = { first: 1000, max: 60_000 },
}: ForwarderOptions & {
  sendEvents: (lines: Buffer[]) => Promise<unknown>;
  recordForwarded: (values: WebhookDeliveryValues[]) => Promise<void>;
}) {
  const queue: Item[] = [];
  let flushing = false;
  let quietTimer: NodeJS.Timeout | undefined;
  let maxWaitTimer: NodeJS.Timeout | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;
  let stopped = false;
  let idle: (() => void)[] = [];

  const clearTimers = () => {
    clearTimeout(quietTimer);
    clearTimeout(maxWaitTimer);
    quietTimer = maxWaitTimer = undefined;
  };
  const takeBatch = () => {
    let bytes = 0;
    let count = 0;
    while (
      count < queue.length &&
      count < maxBatch &&
      (count === 0 || bytes + queue[count]!.line.length <= maxBatchBytes)
    )
      bytes += queue[count++]!.line.length;
    return queue.splice(0, count);
  };

  const flush = async (): Promise<void> => {
    clearTimers();
    if (stopped || flushing || retryTimer || queue.length === 0) return;
    flushing = true;
    const batch = takeBatch();
    try {
      await sendEvents(batch.map((item) => item.line));
    } catch (error) {
      queue.unshift(...batch);
      const wait = Math.min(retryMs.first * 2 ** failures++, retryMs.max);
      logger.warn(
        { err: error, deliveries: batch.length, waiting: queue.length, retryInMs: wait },
        "could not hand GitHub webhooks to Inngest; trying again",
      );
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        void flush();
      }, wait).unref();
      flushing = false;
      return;
    }
    failures = 0;
    try {
      await recordForwarded(batch.map((item) => item.values));
      for (const item of batch) item.settle();
      logger.info(
        { deliveryIds: batch.map((item) => item.values.deliveryId) },
        "GitHub webhook deliveries handed to Inngest",
      );
    } catch (error) {
      // Inngest has them; their journal lines stay, and the next process sends them again
      // (Inngest drops an event id it has seen) and records them then.
      logger.error({ err: error, deliveries: batch.length }, "could not record forwarded GitHub webhooks");
    }
    flushing = false;
    if (queue.length > 0) schedule(true);
    else for (const resolve of idle.splice(0)) resolve();
  };
  /** Arms the timers for what is queued (`restart`: after a flush, whatever came meanwhile). */
  const schedule = (restart = false) => {
    if (stopped || retryTimer || flushing) return;
    if (queue.length >= maxBatch) return void flush();
    clearTimeout(quietTimer);
    quietTimer = setTimeout(() => void flush(), quietMs).unref();
    if (restart) clearTimeout(maxWaitTimer);
    if (restart || !maxWaitTimer) maxWaitTimer = setTimeout(() => void flush(), maxWaitMs).unref();
  };

  return {
    /** Queues an accepted delivery; `settle` runs once it is sent and recorded. */
    push(delivery: OutgoingDelivery, settle: () => void) {
      queue.push({ ...delivery, settle });
      schedule();
    },
    /** Deliveries accepted and not yet handed to Inngest. */
    backlog: () => queue.length,
    /** Resolves once everything queued so far is sent and recorded (tests, shutdown). */
    drained: () =>
      queue.length === 0 && !flushing ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve)),
    /** Sends nothing more (a batch under way finishes). */
    stop() {
      stopped = true;
      clearTimers();
      clearTimeout(retryTimer);
      idle = [];
    },
  };
}
