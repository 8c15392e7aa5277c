import type { JWT, JWTOptions } from "next-auth/jwt";
import type { Database } from "@/db/client";
import { deleteSession, extendSession, getSessionWithUser, insertSession } from "@/db/queries/sessions";
import { activatePendingSession } from "./activate-pending-session";
import { hashToken, isSecretTokenShape, newSecretToken } from "./hash-token";
import { SESSION_MAX_AGE_SECONDS, SESSION_UPDATE_AGE_SECONDS } from "./session-age";

/**
 * Auth.js only allows Credentials sign-in with its "jwt" session strategy. These encode and
 * decode make that "JWT" an opaque random token naming a row of `sessions` (stored as its
 * SHA-256, so a database dump signs no one in): every session is a database row, so
 * signing out, "sign out everywhere" and removing someone end it at once on every device.
 */
export function databaseSessionJwt(db: () => Database): Pick<JWTOptions, "encode" | "decode"> {
  return {
    async encode({ token, maxAge = SESSION_MAX_AGE_SECONDS }) {
      const now = Date.now();
      const expires = new Date(now + maxAge * 1000);
      const existing = typeof token?.sessionToken === "string" ? token.sessionToken : null;
      if (existing) {
        const current = typeof token?.sessionExpires === "number" ? token.sessionExpires : 0;
        // Sliding expiry, written at most once a day rather than on every request.
        if (current - now < (maxAge - SESSION_UPDATE_AGE_SECONDS) * 1000)
          await extendSession({ db: db(), tokenHash: hashToken(existing), expires });
        return existing;
      }
      if (!token?.sub) throw new Error("A new session needs a user");
      const sessionToken = newSecretToken();
      await insertSession({ db: db(), tokenHash: hashToken(sessionToken), userId: token.sub, expires });
      return sessionToken;
    },
    async decode({ token }): Promise<JWT | null> {
      if (!token || !isSecretTokenShape(token)) return null;
      const tokenHash = hashToken(token);
      const found = await getSessionWithUser({ db: db(), tokenHash });
      if (!found) return null;
      if (found.expires.getTime() <= Date.now()) {
        await deleteSession({ db: db(), tokenHash });
        return null;
      }
      // Made by confirming a one-time link: its first use spends the link and starts it.
      const expires = found.oneTimeLoginId
        ? await activatePendingSession({ db: db(), tokenHash, oneTimeLoginId: found.oneTimeLoginId })
        : found.expires;
      if (!expires) return null;
      return {
        sub: found.userId,
        email: found.email,
        name: found.name,
        sessionToken: token,
        sessionExpires: expires.getTime(),
      };
    },
  };
}

/** Ends the session a signed-out cookie named (Auth.js's signOut event, JWT strategy). */
export async function endDatabaseSession(db: Database, token: JWT | null | undefined): Promise<void> {
  if (typeof token?.sessionToken === "string") await deleteSession({ db, tokenHash: hashToken(token.sessionToken) });
}
