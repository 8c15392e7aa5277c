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
}): Promise<{ userId: string; email: string | null; expiresAt: Date; usedAt: Date | null } | undefined> {
  const [row] = await db
    .select({
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
 * Marks the unused, unexpired login with this hash as used and returns its user id. One
 * conditional UPDATE, so two requests racing with the same token cannot both succeed.
 */
export async function spendOneTimeLogin({
  db,
  tokenHash,
  now,
}: {
  db: Database;
  tokenHash: string;
  now: Date;
}): Promise<string | undefined> {
  const [row] = await db
    .update(oneTimeLogins)
    .set({ usedAt: now })
    .where(and(eq(oneTimeLogins.tokenHash, tokenHash), isNull(oneTimeLogins.usedAt), gt(oneTimeLogins.expiresAt, now)))
    .returning({ userId: oneTimeLogins.userId });
  return row?.userId;
}
