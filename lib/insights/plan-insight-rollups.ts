import type { Database } from "@/db/client";
import { getFirstActivityDay, getRollupCompleteThrough } from "@/db/queries/insight-rollups";
import { utcDay } from "./utc-day";

/** Days recomputed per step: a backfill of a year of history is a dozen steps. */
const CHUNK_DAYS = 31;

/**
 * What the scheduled roll-up recomputes: every day after the last final one (all of
 * history the first time) through today, in chunks, and the day through which everything
 * is then final. Days two or more days old are final: every event is attributed to when it
 * happened, so a day stops changing once it is over (yesterday is redone once more for
 * writes that committed late).
 */
export async function planInsightRollups({
  db,
  now = new Date(),
}: {
  db: Database;
  now?: Date;
}): Promise<{ chunks: { from: string; to: string }[]; completeThrough: string }> {
  const today = utcDay(now);
  const completeThrough = utcDay(now, -2);
  const done = await getRollupCompleteThrough({ db });
  const start = done ? utcDay(new Date(`${done}T00:00:00Z`), 1) : ((await getFirstActivityDay({ db })) ?? today);
  const chunks: { from: string; to: string }[] = [];
  // YYYY-MM-DD strings compare as the days they name.
  const earlier = (a: string, b: string) => [a, b].sort()[0] as string;
  for (let from = earlier(start, today); from <= today; ) {
    const to = earlier(utcDay(new Date(`${from}T00:00:00Z`), CHUNK_DAYS - 1), today);
    chunks.push({ from, to });
    from = utcDay(new Date(`${to}T00:00:00Z`), 1);
  }
  return { chunks, completeThrough };
}
