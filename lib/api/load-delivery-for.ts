import type { Database } from "@/db/client";
import { getDelivery } from "@/db/queries/notification-deliveries";
import type { NotificationDelivery } from "@/db/schema";
import { authorize } from "@/lib/api/authorize";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/platform/errors";

/** A notification delivery of a team the actor administers: 404 when unknown or another team's, 403 for non-admins. */
export async function loadDeliveryFor({
  db,
  actor,
  id,
}: {
  db: Database;
  actor: Actor;
  id: string;
}): Promise<NotificationDelivery> {
  const delivery = await getDelivery({ db, id });
  if (!delivery) throw new AppError("not_found:notification_delivery", "Notification delivery not found");
  authorize(actor, delivery.teamId, "admin", "notification_delivery");
  return delivery;
}
