import type { Database } from "@/db/client";
import { forgetWebhookDelivery, markWebhookDeliveriesEnqueued, recordWebhookDeliveries, type WebhookDeliveryValues } from "@/db/queries/installations";
import { logger } from "@/lib/logger";
import { createBatcher } from "./create-batcher";
import type { GithubWebhookEvent, WebhookDependencies } from "./handle-github-webhook";

// Flushes under way at once: a few in flight keep a delivery from waiting behind a whole
// batch, while batching still caps the statements and requests under load. Two copies of
// one delivery id in different concurrent inserts are settled by the primary key.
const RECORD_CONCURRENCY = 2;
const SEND_CONCURRENCY = 4;
// A delivery recorded but never confirmed as sent this long ago was lost by a process that
// died mid-request; a redelivery of it is forwarded (well past any send still under way).
const UNCONFIRMED_AFTER_MS = 60_000;
// Deliveries handed to Inngest are marked so together, at most this long after: until
// UNCONFIRMED_AFTER_MS has passed a redelivery is ignored marked or not, so the mark may
// wait, and one statement then covers every delivery of the interval.
const MARK_ENQUEUED_EVERY_MS = 250;

/**
 * The webhook handler's database and engine calls, batched (create-batcher.ts): concurrent
 * deliveries share one insert and one send to Inngest. Within a batch the first delivery
 * of an id wins; a second copy of it is a redelivery like any other.
 */
export function createWebhookDependencies({
  db,
  secret,
  sendEvents,
}: {
  db: Database;
  secret: string | undefined;
  sendEvents: (events: GithubWebhookEvent[]) => Promise<unknown>;
}): WebhookDependencies {
  const recordDelivery = createBatcher<WebhookDeliveryValues, boolean>(async (batch) => {
    const first = new Map<string, number>();
    batch.forEach((values, index) => (first.has(values.deliveryId) ? undefined : first.set(values.deliveryId, index)));
    const unique = [...first.values()].map((index) => batch[index]!);
    const inserted = await recordWebhookDeliveries({ db, values: unique, staleBefore: new Date(Date.now() - UNCONFIRMED_AFTER_MS) });
    return batch.map((values, index) => inserted.has(values.deliveryId) && first.get(values.deliveryId) === index);
  }, { concurrency: RECORD_CONCURRENCY });
  // Not awaited by anyone: the answer to GitHub does not depend on it. If it is lost, a
  // later redelivery is forwarded again and Inngest drops it by its event id.
  let enqueued: string[] = [];
  const markEnqueued = () => {
    const deliveryIds = enqueued;
    enqueued = [];
    void markWebhookDeliveriesEnqueued({ db, deliveryIds }).catch((error: unknown) => logger.warn({ err: error, deliveryIds }, "could not mark webhook deliveries as enqueued"));
  };
  const send = createBatcher<GithubWebhookEvent, void>(async (events) => {
    await sendEvents(events);
    if (enqueued.length === 0) setTimeout(markEnqueued, MARK_ENQUEUED_EVERY_MS).unref();
    enqueued.push(...events.map((event) => event.data.deliveryId));
    return events.map(() => undefined);
  }, { concurrency: SEND_CONCURRENCY });
  return { secret, recordDelivery, forgetDelivery: (deliveryId) => forgetWebhookDelivery({ db, deliveryId }), send };
}
