import type { ReactNode } from "react";
import { signOutAction, signOutEverywhereAction } from "@/app/signin/actions";
import { AppShell } from "@/components/app-shell/app-shell";
import { NoTeamNotice } from "@/components/auth/no-team-notice";
import { getDb } from "@/db";
import { getUserById } from "@/db/queries/users";
import { requireSessionActor } from "@/lib/auth/get-session-actor";
import { NotificationBell } from "./notification-bell";

// Every dashboard page needs a signed-in person (proxy.ts redirects first; this holds even
// where the proxy's matcher does not reach).
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const actor = await requireSessionActor();
  const user = await getUserById({ db: getDb(), id: actor.userId });
  const isAdmin = actor.memberships.some((membership) => membership.role === "admin");
  return (
    <AppShell
      user={{ email: user?.email ?? null, name: user?.name ?? null, isAdmin }}
      bell={<NotificationBell actor={actor} />}
      signOutAction={signOutAction}
      signOutEverywhereAction={signOutEverywhereAction}
    >
      {actor.memberships.length === 0 ? <NoTeamNotice email={user?.email ?? null} /> : children}
    </AppShell>
  );
}
