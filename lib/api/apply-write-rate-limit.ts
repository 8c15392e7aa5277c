import type { Database } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { env } from "@/lib/platform/env";
import { consumeRateLimit, rateLimitHeaders } from "@/lib/rate-limit";

export type WriteRateLimit = { allowed: boolean; resetSeconds: number; headers: Record<string, string> };

/**
 * Counts one write against the caller (its API key, or the signed-in user) and against
 * its address; the tighter of the two decides and is the one the RateLimit-* headers
 * describe. Two keys with one address, or one key from many addresses, are both bounded.
 */
export async function applyWriteRateLimit({
  db,
  actor,
  ip,
}: {
  db: Database;
  actor: Actor;
  ip: string | null;
}): Promise<WriteRateLimit> {
  const subject = actor.kind === "api_key" ? `key:${actor.apiKeyId}` : `user:${actor.userId}`;
  const keys = [`${subject}:write`, ...(ip ? [`ip:${ip}:write`] : [])];
  const results = await Promise.all(
    keys.map((key) =>
      consumeRateLimit({ db, key, limit: env.RATE_LIMIT_WRITE_MAX, windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS }),
    ),
  );
  const tightest = results.reduce((worst, result) => {
    if (worst.allowed !== result.allowed) return worst.allowed ? result : worst;
    return result.remaining < worst.remaining ? result : worst;
  });
  return { allowed: tightest.allowed, resetSeconds: tightest.resetSeconds, headers: rateLimitHeaders(tightest) };
}
