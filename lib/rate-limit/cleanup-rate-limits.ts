import type { Database } from "@/db/client";
import { deleteRateLimitsOlderThan } from "@/db/queries/rate-limits";
import { env } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";

/**
 * Deletes counters whose window ended long ago, so the table holds roughly the keys seen
 * in the last window. Cheap and safe to call from anywhere, at any rate (e.g. from a cron
 * function or every few hundred requests). Pass the longest window any caller uses: a
 * counter deleted while its window is open only gives that client a fresh window.
 */
export async function cleanupRateLimits({
  db,
  olderThanSeconds = env.RATE_LIMIT_WINDOW_SECONDS,
  now,
}: {
  db: Database;
  olderThanSeconds?: number;
  now?: Date;
}): Promise<number> {
  const deleted = await deleteRateLimitsOlderThan({
    db,
    olderThanSeconds: Math.max(1, Math.ceil(olderThanSeconds)),
    now: now ?? null,
  });
  if (deleted > 0) logger.debug({ deleted }, "expired rate limit windows deleted");
  return deleted;
}
