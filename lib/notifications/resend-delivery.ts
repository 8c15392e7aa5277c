import type { Database } from "@/db/client";
import { finishDelivery, getDelivery, restartDelivery } from "@/db/queries/notification-deliveries";
import type { NotificationDelivery } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/platform/errors";
import { type DeliveryView, toDeliveryView } from "./delivery-view";
import { requestDelivery } from "./request-delivery";

/**
 * "Resend": a finished delivery (succeeded or failed) goes out again with the same payload
 * and `webhook-id`, on a fresh retry schedule. 409 while it is still being attempted.
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
  const send = await db.transaction(async (tx) => {
    const restarted = await restartDelivery({ db: tx, id: delivery.id });
    if (restarted === undefined)
      throw new AppError("conflict:notification_delivery", "The delivery is still being attempted; wait for it to end");
    await recordAudit({
      db: tx,
      actor,
      ip,
      teamId: delivery.teamId,
      action: "notification_delivery.resent",
      targetType: "notification_delivery",
      targetId: delivery.id,
      data: { destinationId: delivery.destinationId, eventType: delivery.eventType },
    });
    return restarted;
  });
  await requestDelivery({ deliveryId: delivery.id, send }).catch(async () => {
    // Not left pending with nothing behind it: it can be resent again.
    await finishDelivery({ db, id: delivery.id, error: "The resend could not be queued" });
    throw new AppError("unavailable:inngest", "The resend could not be queued; try again shortly");
  });
  const row = await getDelivery({ db, id: delivery.id });
  if (!row) throw new AppError("not_found:notification_delivery", "Notification delivery not found");
  return toDeliveryView(row);
}
