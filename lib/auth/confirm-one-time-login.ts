import type { Database } from "@/db/client";
import { getOneTimeLoginByHash } from "@/db/queries/one-time-logins";
import { insertSession } from "@/db/queries/sessions";
import { hashToken, isSecretTokenShape, newSecretToken } from "./hash-token";

// How long a confirmed link's session waits for its browser to present it the first time.
const PENDING_SESSION_MS = 10 * 60 * 1000;

/**
 * The person confirmed a one-time link on its page: a session for its user, waiting for its
 * first use. The link is not spent here: it is spent, and the session started, in one
 * transaction when the browser first presents the session's cookie
 * (activatePendingSession). So a confirmation whose answer never reached the browser (the
 * tab closed, the network dropped, a reload) spends nothing, and the link can be confirmed
 * again. Returns the session's token (for the cookie), or null when the link is unknown,
 * used or expired.
 */
export async function confirmOneTimeLogin({
  db,
  token,
  now = new Date(),
}: {
  db: Database;
  token: string;
  now?: Date;
}): Promise<{ userId: string; sessionToken: string; expires: Date } | null> {
  if (!isSecretTokenShape(token)) return null;
  const login = await getOneTimeLoginByHash({ db, tokenHash: hashToken(token) });
  if (!login || login.usedAt || login.expiresAt.getTime() <= now.getTime()) return null;
  const sessionToken = newSecretToken();
  const expires = new Date(Math.min(now.getTime() + PENDING_SESSION_MS, login.expiresAt.getTime()));
  await insertSession({
    db,
    tokenHash: hashToken(sessionToken),
    userId: login.userId,
    expires,
    oneTimeLoginId: login.id,
  });
  return { userId: login.userId, sessionToken, expires };
}
