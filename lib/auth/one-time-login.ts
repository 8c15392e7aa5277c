import type { Database } from "@/db/client";
import { insertOneTimeLogin, useOneTimeLogin } from "@/db/queries/one-time-logins";
import { hashToken, isSecretTokenShape, newSecretToken } from "./hash-token";

export const ONE_TIME_LOGIN_TTL_MS = 24 * 60 * 60 * 1000;

/** Creates a single-use sign-in token for the user and returns it (it is not stored). */
export async function createOneTimeLogin({
  db,
  userId,
  now = new Date(),
  ttlMs = ONE_TIME_LOGIN_TTL_MS,
}: {
  db: Database;
  userId: string;
  now?: Date;
  ttlMs?: number;
}): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecretToken();
  const expiresAt = new Date(now.getTime() + ttlMs);
  await insertOneTimeLogin({ db, userId, tokenHash: hashToken(token), expiresAt });
  return { token, expiresAt };
}

/** The user the token signs in, once; null when it is unknown, used or expired. */
export async function consumeOneTimeLogin({
  db,
  token,
  now = new Date(),
}: {
  db: Database;
  token: string;
  now?: Date;
}): Promise<string | null> {
  if (!isSecretTokenShape(token)) return null;
  // biome-ignore lint/correctness/useHookAtTopLevel: a database query named for what it does (spends a link), not a React hook
  return (await useOneTimeLogin({ db, tokenHash: hashToken(token), now })) ?? null;
}
