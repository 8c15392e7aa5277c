import { lt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rateLimits } from "@/db/schema";

/**
 * Counts one request against `key` in a single statement: a new key starts a window, an
 * expired window restarts at `now`, otherwise the count goes up. The upsert takes the
 * row's lock, so concurrent callers on any number of instances are serialised by
 * Postgres and each sees its own count. The count stops at limit + 1: a refused client
 * hammering away should not grow it without bound.
 *
 * `now` null means the database's clock, which every app instance shares.
 */
export async function incrementRateLimit({
  db,
  key,
  limit,
  windowSeconds,
  now,
}: {
  db: Database;
  key: string;
  limit: number;
  windowSeconds: number;
  now: Date | null;
}): Promise<{ windowStart: Date; count: number; now: Date }> {
  const at = sql`coalesce(${now?.toISOString() ?? null}::timestamptz, now())`;
  const expired = sql`${rateLimits.windowStart} <= excluded.window_start - make_interval(secs => ${windowSeconds}::int)`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: at, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        // Both expressions read the row as it was before this statement.
        windowStart: sql`case when ${expired} then excluded.window_start else ${rateLimits.windowStart} end`,
        count: sql`case when ${expired} then 1 else least(${rateLimits.count} + 1, ${limit}::int + 1) end`,
      },
    })
    .returning({
      windowStart: rateLimits.windowStart,
      count: rateLimits.count,
      now: sql<Date>`${at}`.mapWith(rateLimits.windowStart),
    });
  return row!;
}

/** Deletes windows that started more than `olderThanSeconds` before `now` (null: the database's clock); returns how many. */
export async function deleteRateLimitsOlderThan({
  db,
  olderThanSeconds,
  now,
}: {
  db: Database;
  olderThanSeconds: number;
  now: Date | null;
}): Promise<number> {
  const rows = await db
    .delete(rateLimits)
    .where(
      lt(
        rateLimits.windowStart,
        sql`coalesce(${now?.toISOString() ?? null}::timestamptz, now()) - make_interval(secs => ${olderThanSeconds}::int)`,
      ),
    )
    .returning({ key: rateLimits.key });
  return rows.length;
}
