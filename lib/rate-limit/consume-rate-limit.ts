import type { Database } from "@/db/client";
import { incrementRateLimit } from "@/db/queries/rate-limits";
import { env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";

export type RateLimitResult = {
  allowed: boolean;
  limit: number;
  /** Requests left in this window after this one. */
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
};

/**
 * Counts one request against `key` (e.g. "key:<api key id>:write", "ip:<address>:write")
 * in a fixed window kept in the database, so every app instance shares the count. The
 * window starts with the key's first request. Without `now` the database's clock is
 * used, so instances with skewed clocks still agree.
 */
export async function consumeRateLimit({
  db,
  key,
  limit = env.RATE_LIMIT_WRITE_MAX,
  windowSeconds = env.RATE_LIMIT_WINDOW_SECONDS,
  now,
}: {
  db: Database;
  key: string;
  limit?: number;
  windowSeconds?: number;
  now?: Date;
}): Promise<RateLimitResult> {
  if (key.length === 0 || key.length > 512)
    throw new AppError("internal:rate_limit_key", "A rate limit key must be 1 to 512 characters");
  if (!Number.isInteger(limit) || limit < 1)
    throw new AppError("internal:rate_limit", "limit must be a positive integer");
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1)
    throw new AppError("internal:rate_limit", "windowSeconds must be a positive integer");

  const row = await incrementRateLimit({ db, key, limit, windowSeconds, now: now ?? null });
  const resetMs = row.windowStart.getTime() + windowSeconds * 1000 - row.now.getTime();
  return {
    allowed: row.count <= limit,
    limit,
    remaining: Math.max(0, limit - row.count),
    // Never more than a window (a clock step backwards) and at least 1 while counting.
    resetSeconds: Math.min(windowSeconds, Math.max(1, Math.ceil(resetMs / 1000))),
  };
}
