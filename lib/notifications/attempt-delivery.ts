import type { Database } from "@/db/client";
import {
  claimDeliveryAttempt,
  finishDelivery,
  getDelivery,
  recordDeliveryAttempt,
} from "@/db/queries/notification-deliveries";
import {
  getNotificationDestination,
  markDestinationFailing,
  markDestinationHealthy,
} from "@/db/queries/notification-destinations";
import { TEST_NOTIFICATION_EVENT } from "@/db/schema";
import { env } from "@/lib/platform/env";
import { disableFailingDestination } from "./disable-failing-destination";
import { DELIVERY_RETRY_DELAYS_MS } from "./retry-schedule";
import { sendToDestination } from "./send-to-destination";

export type AttemptResult = {
  /** No attempt follows: it succeeded, failed for good, or there is nothing left to deliver to. */
  finished: boolean;
  succeeded: boolean;
  /** How long to wait before the next attempt, when there is one. */
  nextDelayMs: number | null;
  status: number | null;
  error: string | null;
};

const done = (error: string | null, succeeded = false): AttemptResult => ({
  finished: true,
  succeeded,
  nextDelayMs: null,
  status: null,
  error,
});

/**
 * The `index`th attempt of a delivery's current send (1 for the first): sends it, logs the
 * attempt, and says whether and when to try again (DELIVERY_RETRY_DELAYS_MS; a test is
 * tried once). Keeps the destination's health: a success clears its failures, a failure
 * may disable it (disable-failing-destination.ts). A destination disabled or deleted
 * meanwhile ends the delivery without an attempt (tests still go to a disabled one).
 */
export async function attemptDelivery({
  db,
  deliveryId,
  index,
  allowPrivate = env.MERGELINE_ALLOW_PRIVATE_WEBHOOKS === "true",
}: {
  db: Database;
  deliveryId: string;
  index: number;
  allowPrivate?: boolean;
}): Promise<AttemptResult> {
  const delivery = await getDelivery({ db, id: deliveryId });
  if (!delivery) return done("The delivery no longer exists");
  if (delivery.status === "succeeded" || delivery.status === "failed")
    return done(null, delivery.status === "succeeded");
  const destination = await getNotificationDestination({ db, id: delivery.destinationId });
  const isTest = delivery.eventType === TEST_NOTIFICATION_EVENT;
  if (!destination || (!destination.enabled && !isTest)) {
    const error = destination ? "The destination was turned off" : "The destination was deleted";
    await finishDelivery({ db, id: deliveryId, error });
    return done(error);
  }
  const attempt = await claimDeliveryAttempt({ db, id: deliveryId, at: new Date() });
  if (attempt === undefined) return done("The delivery no longer exists");
  const outcome = await sendToDestination({ destination, delivery, allowPrivate });
  const at = new Date();
  const nextDelayMs = outcome.ok || isTest ? null : (DELIVERY_RETRY_DELAYS_MS[index - 1] ?? null);
  await recordDeliveryAttempt({
    db,
    id: deliveryId,
    attempt: {
      attempt,
      at,
      succeeded: outcome.ok,
      responseStatus: outcome.status,
      latencyMs: outcome.latencyMs,
      error: outcome.error?.slice(0, 1000) ?? null,
    },
    status: outcome.ok ? "succeeded" : nextDelayMs === null ? "failed" : "retrying",
    nextAttemptAt: nextDelayMs === null ? null : new Date(at.getTime() + nextDelayMs),
  });
  if (outcome.ok) await markDestinationHealthy({ db, id: destination.id, at });
  else {
    const failing = await markDestinationFailing({ db, id: destination.id, at });
    if (failing) {
      await disableFailingDestination({
        db,
        destination: failing,
        at,
        ...(nextDelayMs === null && !isTest ? { exhaustedSince: delivery.createdAt } : {}),
      });
    }
  }
  return {
    finished: nextDelayMs === null,
    succeeded: outcome.ok,
    nextDelayMs,
    status: outcome.status,
    error: outcome.error,
  };
}
