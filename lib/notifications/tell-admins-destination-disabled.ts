import type { Database } from "@/db/client";
import { getNotificationProjectIds } from "@/db/queries/notifications";
import { insertTeamNotice } from "@/db/queries/team-notices";
import type { NotificationDestination } from "@/db/schema";
import { publish } from "@/lib/platform/realtime";

/**
 * Puts a notice in the bell of the team's admins that the destination was turned off, and
 * makes open bells refresh (they listen to the team's project rooms). Once per disabling.
 */
export async function tellAdminsDestinationDisabled({
  db,
  destination,
  at,
}: {
  db: Database;
  destination: NotificationDestination;
  at: Date;
}): Promise<void> {
  const notice = await insertTeamNotice({
    db,
    values: {
      teamId: destination.teamId,
      kind: "notification_destination.disabled",
      title: `Notifications to "${destination.name}" were turned off: every delivery failed for 24 hours`,
      href: `/settings/notifications?team=${destination.teamId}`,
      sourceKey: `destination-disabled:${destination.id}:${at.getTime()}`,
    },
  });
  if (!notice) return;
  for (const projectId of await getNotificationProjectIds({ db, teamIds: [destination.teamId] })) {
    await publish({ type: "notification.new", projectId, data: { notice: notice.id } });
  }
}
