import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { upsertTeamMember } from "@/db/queries/team-members";
import { createTeam, getFirstTeam } from "@/db/queries/teams";
import { hasAnyUser, insertUserIfAbsent } from "@/db/queries/users";
import type { Team, User } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { createOneTimeLogin } from "@/lib/auth/one-time-login";
import { hashPassword } from "@/lib/auth/password";

export const DEFAULT_ADMIN_EMAIL = "admin@mergeline.local";

export type FirstAdmin = {
  user: User;
  team: Team;
  /** Set when no password was given: the token of a one-time sign-in link. */
  oneTimeLogin: { token: string; expiresAt: Date } | null;
};

/**
 * On a database with no user yet, creates the first admin: admin of the default (first)
 * team, with `password` when one is given, else with a one-time sign-in token to hand to
 * the person who started Mergeline. Returns null, changing nothing, once any user exists.
 */
export async function ensureFirstAdmin({
  db,
  email = DEFAULT_ADMIN_EMAIL,
  password,
  now = new Date(),
}: {
  db: Database;
  email?: string;
  password?: string;
  now?: Date;
}): Promise<FirstAdmin | null> {
  if (await hasAnyUser({ db })) return null;
  // Hashing takes a while; do it before taking the lock.
  const passwordHash = password ? await hashPassword(password) : null;
  return db.transaction(async (tx) => {
    // Several instances may start together on one Postgres; one of them creates the admin.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('mergeline:first-admin'))`);
    if (await hasAnyUser({ db: tx })) return null;
    const user = await insertUserIfAbsent({ db: tx, values: { email, name: "Admin", passwordHash } });
    if (!user) return null;
    // The demo step creates the default team first; this only matters if it did not run.
    const team =
      (await getFirstTeam({ db: tx })) ?? (await createTeam({ db: tx, name: "Default team", slug: "default" }));
    await upsertTeamMember({ db: tx, teamId: team.id, userId: user.id, role: "admin" });
    const oneTimeLogin = passwordHash ? null : await createOneTimeLogin({ db: tx, userId: user.id, now });
    await recordAudit({
      db: tx,
      actor: { kind: "system" },
      teamId: team.id,
      action: "user.created",
      targetType: "user",
      targetId: user.id,
      data: { email: user.email, role: "admin", firstAdmin: true, signIn: passwordHash ? "password" : "one_time_link" },
      ip: null,
    });
    return { user, team, oneTimeLogin };
  });
}
