import { and, eq, isNotNull, ne } from "drizzle-orm";
import type { Database } from "@/db/client";
import { sessions, users } from "@/db/schema";

// `sessions.session_token` holds the SHA-256 of the cookie's token (lib/auth/database-session-jwt.ts).

export async function insertSession({
  db,
  tokenHash,
  userId,
  expires,
  oneTimeLoginId = null,
}: {
  db: Database;
  tokenHash: string;
  userId: string;
  expires: Date;
  /** A session waiting for its first use, made by confirming this one-time link. */
  oneTimeLoginId?: string | null;
}): Promise<void> {
  await db.insert(sessions).values({ sessionToken: tokenHash, userId, expires, oneTimeLoginId });
}

export async function getSessionWithUser({
  db,
  tokenHash,
}: {
  db: Database;
  tokenHash: string;
}): Promise<
  | { userId: string; expires: Date; email: string | null; name: string | null; oneTimeLoginId: string | null }
  | undefined
> {
  const [row] = await db
    .select({
      userId: sessions.userId,
      expires: sessions.expires,
      email: users.email,
      name: users.name,
      oneTimeLoginId: sessions.oneTimeLoginId,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.sessionToken, tokenHash))
    .limit(1);
  return row;
}

export async function extendSession({
  db,
  tokenHash,
  expires,
}: {
  db: Database;
  tokenHash: string;
  expires: Date;
}): Promise<void> {
  await db.update(sessions).set({ expires }).where(eq(sessions.sessionToken, tokenHash));
}

export async function deleteSession({ db, tokenHash }: { db: Database; tokenHash: string }): Promise<void> {
  await db.delete(sessions).where(eq(sessions.sessionToken, tokenHash));
}

/** Signs the user out everywhere: every session row goes, so every cookie stops working. */
export async function deleteSessionsOfUser({ db, userId }: { db: Database; userId: string }): Promise<number> {
  const rows = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ token: sessions.sessionToken });
  return rows.length;
}

/** Signs the user out on every other device: every session row but the one named goes. */
export async function deleteOtherSessionsOfUser({
  db,
  userId,
  keepTokenHash,
}: {
  db: Database;
  userId: string;
  keepTokenHash: string | null;
}): Promise<number> {
  const others = keepTokenHash
    ? and(eq(sessions.userId, userId), ne(sessions.sessionToken, keepTokenHash))
    : eq(sessions.userId, userId);
  const rows = await db.delete(sessions).where(others).returning({ token: sessions.sessionToken });
  return rows.length;
}

/** Starts a session that waited for its first use: no longer pending, with its full lifetime. */
export async function startPendingSession({
  db,
  tokenHash,
  expires,
}: {
  db: Database;
  tokenHash: string;
  expires: Date;
}): Promise<void> {
  await db.update(sessions).set({ oneTimeLoginId: null, expires }).where(eq(sessions.sessionToken, tokenHash));
}

/** Ends every session still waiting on the one-time link (another browser used it first). */
export async function deletePendingSessionsOfLogin({
  db,
  oneTimeLoginId,
}: {
  db: Database;
  oneTimeLoginId: string;
}): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.oneTimeLoginId, oneTimeLoginId), isNotNull(sessions.oneTimeLoginId)));
}
