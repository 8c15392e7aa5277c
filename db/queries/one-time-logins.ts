import { and, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type OneTimeLogin, oneTimeLogins, users } from "@/db/schema";

export async function insertOneTimeLogin({
  db,
  userId,
  tokenHash,
  expiresAt,
}: {
  db: Database;
  userId: string;
  tokenHash: string;
  expiresAt: Date;
}): Promise<OneTimeLogin> {
  const [login] = await db.insert(oneTimeLogins).values({ userId, tokenHash, expiresAt }).returning();
  return login!;
}

/** The login with this hash and the email of its user, whether used or not; it changes nothing. */
export async function getOneTimeLoginByHash({
  db,
  tokenHash,
}: {
  db: Database;
  tokenHash: string;
}): Promise<{ id: string; userId: string; email: string | null; expiresAt: Date; usedAt: Date | null } | undefined> {
  const [row] = await db
    .select({
      id: oneTimeLogins.id,
      userId: oneTimeLogins.userId,
      email: users.email,
      expiresAt: oneTimeLogins.expiresAt,
      usedAt: oneTimeLogins.usedAt,
    })
    .from(oneTimeLogins)
    .innerJoin(users, eq(users.id, oneTimeLogins.userId))
    .where(eq(oneTimeLogins.tokenHash, tokenHash))
    .limit(1);
  return row;
}

/**
 * Marks the login as used when it is unused and unexpired, and says whether it did. One
 * conditional UPDATE, so two requests racing with the same link cannot both succeed.
 */
export async function spendOneTimeLogin({ db, id, now }: { db: Database; id: string; now: Date }): Promise<boolean> {
  const rows = await db
    .update(oneTimeLogins)
    .set({ usedAt: now })
    .where(and(eq(oneTimeLogins.id, id), isNull(oneTimeLogins.usedAt), gt(oneTimeLogins.expiresAt, now)))
    .returning({ id: oneTimeLogins.id });
  return rows.length > 0;
}
