import type { Database } from "@/db/client";
import { forgetWebhookDelivery, recordWebhookDeliveries, type WebhookDeliveryValues } from "@/db/queries/installations";
import { createBatcher } from "./create-batcher";
import type { GithubWebhookEvent, WebhookDependencies } from "./handle-github-webhook";

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
    const inserted = await recordWebhookDeliveries({ db, values: unique });
    return batch.map((values, index) => inserted.has(values.deliveryId) && first.get(values.deliveryId) === index);
  });
  const send = createBatcher<GithubWebhookEvent, void>(async (events) => {
    await sendEvents(events);
    return events.map(() => undefined);
  });
  return { secret, recordDelivery, forgetDelivery: (deliveryId) => forgetWebhookDelivery({ db, deliveryId }), send };
}
