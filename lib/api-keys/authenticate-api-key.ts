import { timingSafeEqual } from "node:crypto";
import type { Database } from "@/db/client";
import { getApiKeyByHash, touchApiKeyLastUsed } from "@/db/queries/api-keys";
import type { Actor } from "@/lib/auth/actor";
import { logger } from "@/lib/platform/logger";
import { hashApiKeyToken } from "./token";

// Generated keys are 55 characters, admin keys from the environment at least 24; the upper
// bound keeps a hostile header from making us hash megabytes.
const MIN_TOKEN_LENGTH = 24;
const MAX_TOKEN_LENGTH = 512;
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The actor for a bearer token, or null when it is not a live key (unknown, revoked or
 * expired); callers answer 401 without saying which. The lookup is by SHA-256 of the
 * token, so response time says nothing about how close a guess came to a stored key.
 */
export async function authenticateApiKey({
  db,
  token,
  ip,
  now = new Date(),
}: {
  db: Database;
  token: string;
  ip: string | null;
  now?: Date;
}): Promise<Extract<Actor, { kind: "api_key" }> | null> {
  if (token.length < MIN_TOKEN_LENGTH || token.length > MAX_TOKEN_LENGTH) return null;
  const keyHash = hashApiKeyToken(token);
  const key = await getApiKeyByHash({ db, keyHash });
  // The index lookup already matched; comparing again in constant time guards against a
  // collation or driver surprise turning "similar" into "equal".
  if (!key || !timingSafeEqual(Buffer.from(key.keyHash, "hex"), Buffer.from(keyHash, "hex"))) return null;
  if (key.revokedAt) return null;
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return null;

  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (!key.lastUsedAt || key.lastUsedAt.getTime() < staleBefore.getTime()) {
    // Bookkeeping only: a failed write must not turn a valid request into a 500.
    await touchApiKeyLastUsed({ db, id: key.id, now, staleBefore }).catch((error: unknown) =>
      logger.warn({ err: error, apiKeyId: key.id }, "could not record API key use"),
    );
  }
  return { kind: "api_key", apiKeyId: key.id, teamId: key.teamId, scopes: key.scopes, ip };
}
