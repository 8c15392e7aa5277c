import type { Database } from "@/db/client";
import { spendOneTimeLogin } from "@/db/queries/one-time-logins";
import {
  deletePendingSessionsOfLogin,
  deleteSession,
  getSessionWithUser,
  startPendingSession,
} from "@/db/queries/sessions";
import { SESSION_MAX_AGE_SECONDS } from "./session-age";

/**
 * The first use of a session made by confirming a one-time link (confirmOneTimeLogin):
 * spends the link and starts the session, in one transaction. When another browser used the
 * link first, this session ends instead. Concurrent first requests of one browser start it
 * once: the second finds it started. Returns the session's expiry, or null when it ended.
 */
export async function activatePendingSession({
  db,
  tokenHash,
  oneTimeLoginId,
  now = new Date(),
}: {
  db: Database;
  tokenHash: string;
  oneTimeLoginId: string;
  now?: Date;
}): Promise<Date | null> {
  return db.transaction(async (tx) => {
    if (await spendOneTimeLogin({ db: tx, id: oneTimeLoginId, now })) {
      const expires = new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
      await startPendingSession({ db: tx, tokenHash, expires });
      // Other browsers' confirmations of the same link end with it.
      await deletePendingSessionsOfLogin({ db: tx, oneTimeLoginId });
      return expires;
    }
    const session = await getSessionWithUser({ db: tx, tokenHash });
    if (session && session.oneTimeLoginId === null) return session.expires;
    await deleteSession({ db: tx, tokenHash });
    return null;
  });
}
