import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { getMembershipsByUserId } from "@/db/queries/team-members";
import { getUserById } from "@/db/queries/users";
import type { Actor } from "@/lib/auth/actor";
import { auth } from "@/lib/auth/auth";
import { githubRepositoriesOf } from "@/lib/auth/github-repository-access";
import { requestIp } from "@/lib/auth/request-ip";

export type UserActor = Extract<Actor, { kind: "user" }>;

/**
 * The signed-in person as an Actor, or null without a valid session. The session cookie
 * only names the user; the user and their team roles are read from the database on every
 * request, so a removed user or a changed role takes effect at once.
 */
export async function getSessionActor(ip: string | null = null): Promise<UserActor | null> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const db = getDb();
  const [user, memberships] = await Promise.all([
    getUserById({ db, id: userId }),
    getMembershipsByUserId({ db, userId }),
  ]);
  if (!user) return null;
  const githubRepositories = await githubRepositoriesOf({
    db,
    userId: user.id,
    teamIds: memberships.map((membership) => membership.teamId),
  });
  return { kind: "user", userId: user.id, memberships, ip, ...(githubRepositories ? { githubRepositories } : {}) };
}

// Once per server render: the layout and the page both ask.
const sessionActorForRender = cache(async () => getSessionActor(await requestIp()));

/**
 * For pages and layouts: the signed-in person, or a redirect to the sign-in page. proxy.ts
 * redirects first; this is the check that does not depend on the proxy's matcher.
 */
export async function requireSessionActor({ callbackUrl }: { callbackUrl?: string } = {}): Promise<UserActor> {
  const actor = await sessionActorForRender();
  if (!actor) redirect(callbackUrl ? `/signin?${new URLSearchParams({ callbackUrl })}` : "/signin");
  return actor;
}
