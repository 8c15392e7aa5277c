import { randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import { deleteDelivery, insertDeliveries } from "@/db/queries/notification-deliveries";
import { type NotificationDestination, TEST_NOTIFICATION_EVENT } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/platform/errors";
import { type DeliveryView, toDeliveryView } from "./delivery-view";
import type { NotificationPayload } from "./notification-payload";
import { requestDelivery } from "./request-delivery";

/**
 * "Send test": a `notification.test` message to the destination (even a disabled one),
 * delivered like any other but tried once; its result appears in the delivery log. 503,
 * with nothing left behind, when it cannot be handed to Inngest.
 */
export async function sendTestNotification({
  db,
  actor,
  ip,
  destination,
  now = new Date(),
}: {
  db: Database;
  actor: Actor;
  ip: string | null;
  destination: NotificationDestination;
  now?: Date;
}): Promise<DeliveryView> {
  const payload: NotificationPayload = {
    type: TEST_NOTIFICATION_EVENT,
    timestamp: now.toISOString(),
    data: {
      team: { id: destination.teamId },
      project: null,
      run: null,
      pullRequest: null,
      validation: null,
      message: `Test notification from Mergeline to "${destination.name}"`,
    },
  };
  const [delivery] = await insertDeliveries({
    db,
    rows: [
      {
        destinationId: destination.id,
        teamId: destination.teamId,
        eventType: TEST_NOTIFICATION_EVENT,
        sourceKey: `test:${randomUUID()}`,
        payload,
      },
    ],
  });
  if (!delivery) throw new AppError("internal:notification_delivery", "The test delivery could not be created");
  try {
    await requestDelivery({ deliveryId: delivery.id, send: delivery.sends });
  } catch {
    await deleteDelivery({ db, id: delivery.id });
    throw new AppError("unavailable:pipeline", "The delivery engine is not reachable; no test was sent");
  }
  await recordAudit({
    db,
    actor,
    ip,
    teamId: destination.teamId,
    action: "notification_destination.tested",
    targetType: "notification_destination",
    targetId: destination.id,
    data: { name: destination.name, deliveryId: delivery.id },
  });
  return toDeliveryView(delivery);
}
