import type { DatabaseHandle } from "@/db/client";
import {
  forgetWebhookDelivery,
  recordWebhookDeliveries,
  webhookDeliveriesEnqueued,
} from "@/db/queries/webhook-deliveries";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import type { WebhookOutbox } from "./create-webhook-dependencies";
import { deliveryValues } from "./delivery-values";
import { serializeWebhookEvent } from "./serialized-events";

// A claim never confirmed as sent this long ago belongs to a request that died: a
// redelivery of it is accepted again (as in the outbox).
const UNCONFIRMED_AFTER_MS = 60_000;

/**
 * The webhook handler's dependencies with no outbox (MERGELINE_WEBHOOK_DELIVERY=direct), for
 * hosts where a process lives only while it answers a request (serverless functions): a
 * delivery is claimed by its row, handed to Inngest before the answer, and recorded as
 * enqueued; when Inngest does not take it, the claim is dropped and GitHub gets a 503, so its
 * redelivery is accepted. Nothing waits in a journal, and nothing is sent behind the answer.
 */
export function createDirectWebhookDependencies({
  handle,
  secret,
  sendEvents,
}: {
  handle: Pick<DatabaseHandle, "db">;
  secret: string | undefined;
  sendEvents: (lines: Buffer[]) => Promise<unknown>;
}): WebhookOutbox {
  const { db } = handle;
  return {
    secret,
    ready: Promise.resolve(),
    accept: async (event) => {
      const values = deliveryValues(event);
      const claimed = await recordWebhookDeliveries({
        db,
        values: [values],
        staleBefore: new Date(Date.now() - UNCONFIRMED_AFTER_MS),
      });
      if (!claimed.has(values.deliveryId)) return false;
      try {
        await sendEvents([serializeWebhookEvent(event)]);
      } catch (error) {
        logger.warn({ err: error, deliveryId: values.deliveryId }, "Inngest did not take a GitHub delivery");
        await forgetWebhookDelivery({ db, deliveryId: values.deliveryId }).catch(() => undefined);
        throw new AppError("unavailable:pipeline", "The pipeline engine did not take the delivery; redeliver it later");
      }
      await webhookDeliveriesEnqueued({ db, values: [values] });
      return true;
    },
    drained: async () => {},
    close: async () => {},
  };
}
