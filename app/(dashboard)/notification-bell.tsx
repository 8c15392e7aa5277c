import { NotificationMenu } from "@/components/notifications/notification-menu";
import { LiveRefresh } from "@/components/realtime/live-refresh";
import { getDb } from "@/db";
import { getNotificationProjectIds, getNotifications } from "@/db/queries/notifications";
import { getTeamNoticesForUser } from "@/db/queries/team-notices";
import { visibleTeamIds } from "@/lib/auth/actor";
import type { UserActor } from "@/lib/auth/get-session-actor";
import { env } from "@/lib/platform/env";
import { markNotificationsReadAction } from "./actions";

/**
 * The app bar's bell: runs that need a person in the projects `actor` can see, and for
 * admins the team's notices (a notification destination turned off). Rendered
 * on the server; the LiveRefresh here re-renders it (and the page under it) when the
 * app publishes an event for one of those projects, notification.new among them.
 */
export async function NotificationBell({ actor }: { actor: UserActor }) {
  const db = getDb();
  const teamIds = visibleTeamIds(actor);
  const adminTeamIds = actor.memberships.filter((m) => m.role === "admin").map((m) => m.teamId);
  const [notifications, notices, projectIds] = await Promise.all([
    getNotifications({ db, userId: actor.userId, teamIds }),
    getTeamNoticesForUser({ db, userId: actor.userId, teamIds: adminTeamIds }),
    getNotificationProjectIds({ db, teamIds }),
  ]);
  return (
    <>
      <LiveRefresh
        projectIds={projectIds}
        realtimeUrl={env.REALTIME_PUBLIC_URL ?? null}
        realtimePort={env.REALTIME_PORT}
      />
      <NotificationMenu
        unreadCount={notifications.unreadCount + notices.unreadCount}
        items={notifications.items}
        notices={notices.items}
        markNotificationsReadAction={markNotificationsReadAction}
      />
    </>
  );
}
