import type { Database } from "@/db/client";
import { getDelivery, restartDelivery, undoRestartDelivery } from "@/db/queries/notification-deliveries";
import type { NotificationDelivery } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/platform/errors";
import { type DeliveryView, toDeliveryView } from "./delivery-view";
import { requestDelivery } from "./request-delivery";

/**
 * "Resend": a finished delivery (succeeded or failed) goes out again with the same payload
 * and `webhook-id`, on a fresh retry schedule. 409 while it is still being attempted; 503,
 * with nothing changed, when it cannot be handed to Inngest.
 */
export async function resendDelivery({
  db,
  actor,
  ip,
  delivery,
}: {
  db: Database;
  actor: Actor;
  ip: string | null;
  delivery: NotificationDelivery;
}): Promise<DeliveryView> {
  const send = await restartDelivery({ db, id: delivery.id });
  if (send === undefined)
    throw new AppError("conflict:notification_delivery", "The delivery is still being attempted; wait for it to end");
  try {
    await requestDelivery({ deliveryId: delivery.id, send });
  } catch {
    await undoRestartDelivery({ db, id: delivery.id, status: delivery.status });
    throw new AppError("unavailable:pipeline", "The delivery engine is not reachable; nothing was resent");
  }
  await recordAudit({
    db,
    actor,
    ip,
    teamId: delivery.teamId,
    action: "notification_delivery.resent",
    targetType: "notification_delivery",
    targetId: delivery.id,
    data: { destinationId: delivery.destinationId, eventType: delivery.eventType, send },
  });
  const row = await getDelivery({ db, id: delivery.id });
  if (!row) throw new AppError("not_found:notification_delivery", "Notification delivery not found");
  return toDeliveryView(row);
}
