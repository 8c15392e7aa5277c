import type { Database } from "@/db/client";
import { spendOneTimeLogin } from "@/db/queries/one-time-logins";
import { insertSession } from "@/db/queries/sessions";
import { hashToken, isSecretTokenShape, newSecretToken } from "./hash-token";
import { SESSION_MAX_AGE_SECONDS } from "./session-age";

/** Thrown inside the transaction to roll it back when the person left before it committed. */
class Abandoned extends Error {}

/**
 * Signs in with a one-time link, confirmed by the person on its page: spends the link and
 * creates the session in one transaction, so either both happen or neither does. A request
 * aborted before the commit (the tab closed, a reload) rolls back and the link still works.
 * Returns the new session's token (for the cookie), or null when the link is unknown, used
 * or expired.
 */
export async function redeemOneTimeLogin({
  db,
  token,
  signal,
  now = new Date(),
}: {
  db: Database;
  token: string;
  signal?: AbortSignal;
  now?: Date;
}): Promise<{ userId: string; sessionToken: string; expires: Date } | null> {
  if (!isSecretTokenShape(token)) return null;
  try {
    return await db.transaction(async (tx) => {
      const userId = await spendOneTimeLogin({ db: tx, tokenHash: hashToken(token), now });
      if (!userId) return null;
      const sessionToken = newSecretToken();
      const expires = new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
      await insertSession({ db: tx, tokenHash: hashToken(sessionToken), userId, expires });
      if (signal?.aborted) throw new Abandoned();
      return { userId, sessionToken, expires };
    });
  } catch (error) {
    if (error instanceof Abandoned) return null;
    throw error;
  }
}
