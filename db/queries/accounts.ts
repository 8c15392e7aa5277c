import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { accounts } from "@/db/schema";

/** Replaces the stored (sealed) access token of a linked sign-in account. */
export async function updateAccountAccessToken({
  db,
  provider,
  providerAccountId,
  accessToken,
}: {
  db: Database;
  provider: string;
  providerAccountId: string;
  accessToken: string;
}): Promise<void> {
  await db
    .update(accounts)
    .set({ access_token: accessToken })
    .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)));
}

/** The Mergeline user who signed in with this GitHub account (GitHub's numeric user id). */
export async function getUserIdByGithubAccount({
  db,
  githubUserId,
}: {
  db: Database;
  githubUserId: number;
}): Promise<string | undefined> {
  const [row] = await db
    .select({ userId: accounts.userId })
    .from(accounts)
    .where(and(eq(accounts.provider, "github"), eq(accounts.providerAccountId, String(githubUserId))))
    .limit(1);
  return row?.userId;
}

/** A user's GitHub OAuth access token and account id, as next-auth stored them at sign-in. */
export async function getGithubAccount({
  db,
  userId,
}: {
  db: Database;
  userId: string;
}): Promise<{ githubUserId: number; accessToken: string | null } | undefined> {
  const [row] = await db
    .select({ providerAccountId: accounts.providerAccountId, accessToken: accounts.access_token })
    .from(accounts)
    .where(and(eq(accounts.provider, "github"), eq(accounts.userId, userId)))
    .limit(1);
  return row ? { githubUserId: Number(row.providerAccountId), accessToken: row.accessToken } : undefined;
}
