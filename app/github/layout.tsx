import type { ReactNode } from "react";
import { NotificationBell } from "@/app/(dashboard)/notification-bell";
import { signOutAction, signOutEverywhereAction } from "@/app/signin/actions";
import { AppShell } from "@/components/app-shell/app-shell";
import { getDb } from "@/db";
import { getUserById } from "@/db/queries/users";
import { getSessionActor } from "@/lib/auth/get-session-actor";

// GitHub's redirects land here (/github/setup). Signed-in people get the app's shell; the
// page itself sends others to sign in and back.
export default async function GithubLayout({ children }: { children: ReactNode }) {
  const actor = await getSessionActor();
  if (!actor) return children;
  const user = await getUserById({ db: getDb(), id: actor.userId });
  const isAdmin = actor.memberships.some((membership) => membership.role === "admin");
  return (
    <AppShell
      user={{ email: user?.email ?? null, name: user?.name ?? null, isAdmin }}
      bell={<NotificationBell actor={actor} />}
      signOutAction={signOutAction}
      signOutEverywhereAction={signOutEverywhereAction}
    >
      {children}
    </AppShell>
  );
}
