import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type User, users } from "@/db/schema";

/** Emails are compared trimmed and lower-cased: that is how people type them. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function getUserById({ db, id }: { db: Database; id: string }): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return user;
}

export async function getUserByEmail({ db, email }: { db: Database; email: string }): Promise<User | undefined> {
  // lower() on the column too: accounts made by an OAuth provider keep the provider's casing.
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${normalizeEmail(email)}`)
    .limit(1);
  return user;
}

export async function hasAnyUser({ db }: { db: Database }): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).limit(1);
  return row !== undefined;
}

/** Inserts a user, or returns undefined when one with that email exists already. */
export async function insertUserIfAbsent({
  db,
  values,
}: {
  db: Database;
  values: { email: string; name?: string | null; passwordHash?: string | null };
}): Promise<User | undefined> {
  const [user] = await db
    .insert(users)
    .values({
      email: normalizeEmail(values.email),
      name: values.name ?? null,
      passwordHash: values.passwordHash ?? null,
    })
    .onConflictDoNothing({ target: users.email })
    .returning();
  return user;
}

/** Users by id, for showing who did what (the audit log stores ids only). */
export async function getUsersByIds({
  db,
  ids,
}: {
  db: Database;
  ids: string[];
}): Promise<Pick<User, "id" | "email" | "name">[]> {
  if (ids.length === 0) return [];
  return db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(inArray(users.id, ids));
}

/** Replaces a user's password hash (null: no password, sign-in by link or GitHub only). */
export async function setUserPasswordHash({
  db,
  userId,
  passwordHash,
}: {
  db: Database;
  userId: string;
  passwordHash: string | null;
}): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}
