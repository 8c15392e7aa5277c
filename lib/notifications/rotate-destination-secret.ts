import type { Database } from "@/db/client";
import { updateNotificationDestination } from "@/db/queries/notification-destinations";
import type { NotificationDestination } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/platform/errors";
import { sealDestinationSecret } from "@/lib/secrets/destination-secret-cipher";
import { type DestinationView, toDestinationView } from "./destination-view";
import { newWebhookSecret } from "./webhook-secret";

/** A new signing secret for a webhook, returned this once; the old one stops signing at once. */
export async function rotateDestinationSecret({
  db,
  actor,
  ip,
  destination,
}: {
  db: Database;
  actor: Actor;
  ip: string | null;
  destination: NotificationDestination;
}): Promise<{ destination: DestinationView; secret: string }> {
  if (destination.kind !== "webhook")
    throw new AppError("conflict:notification_destination", "Only a webhook destination has a signing secret");
  const secret = newWebhookSecret();
  return db.transaction(async (tx) => {
    const row = await updateNotificationDestination({
      db: tx,
      id: destination.id,
      values: { sealedSecret: sealDestinationSecret({ secret, destinationId: destination.id }) },
    });
    if (!row) throw new AppError("not_found:notification_destination", "Notification destination not found");
    await recordAudit({
      db: tx,
      actor,
      ip,
      teamId: destination.teamId,
      action: "notification_destination.secret_rotated",
      targetType: "notification_destination",
      targetId: destination.id,
      data: { name: destination.name },
      redact: [secret],
    });
    return { destination: toDestinationView(row), secret };
  });
}
