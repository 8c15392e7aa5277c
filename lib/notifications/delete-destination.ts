import type { Database } from "@/db/client";
import { deleteNotificationDestination } from "@/db/queries/notification-destinations";
import type { NotificationDestination } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";

/**
 * Deletes a destination with its delivery log, and audits it. Deliveries still retrying
 * stop at their next attempt. Authorization (team admin) is the caller's.
 */
export async function deleteDestination({
  db,
  actor,
  ip,
  destination,
}: {
  db: Database;
  actor: Actor;
  ip: string | null;
  destination: NotificationDestination;
}): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteNotificationDestination({ db: tx, id: destination.id });
    await recordAudit({
      db: tx,
      actor,
      ip,
      teamId: destination.teamId,
      action: "notification_destination.deleted",
      targetType: "notification_destination",
      targetId: destination.id,
      data: { name: destination.name, kind: destination.kind },
    });
  });
}
