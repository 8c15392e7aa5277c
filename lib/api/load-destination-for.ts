import type { Database } from "@/db/client";
import { getNotificationDestination } from "@/db/queries/notification-destinations";
import type { NotificationDestination } from "@/db/schema";
import { authorize } from "@/lib/api/authorize";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/platform/errors";

/** A notification destination of a team the actor administers: 404 when unknown or another team's, 403 for non-admins. */
export async function loadDestinationFor({
  db,
  actor,
  id,
}: {
  db: Database;
  actor: Actor;
  id: string;
}): Promise<NotificationDestination> {
  const destination = await getNotificationDestination({ db, id });
  if (!destination) throw new AppError("not_found:notification_destination", "Notification destination not found");
  authorize(actor, destination.teamId, "admin", "notification_destination");
  return destination;
}
