import type { Database } from "@/db/client";
import { insertOneTimeLogin } from "@/db/queries/one-time-logins";
import { hashToken, newSecretToken } from "./hash-token";

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
