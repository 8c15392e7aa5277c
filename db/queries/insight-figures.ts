import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rowsOf } from "@/db/queries/rows-of";
import type { RetryOutcomes } from "@/db/schema";

// The insights page's reads: the daily rollups of a period (written by insight-rollups.ts)
// as series, totals and percentiles, and the projects a team's figures can cover.

type Percentiles = { p50: number | null; p90: number | null; count: number };

export type InsightDay = {
  day: string;
  started: number;
  merged: number;
  failed: number;
  cancelled: number;
  needsHuman: number;
  autoMerged: number;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  firstAttempts: number;
  firstAttemptsPassed: number;
  fixAttempts: number;
  fixAttemptsPassed: number;
  timeToPr: Percentiles;
  timeToMerge: Percentiles;
  validation: Percentiles;
};

export type InsightFigures = {
  days: InsightDay[];
  totals: Omit<InsightDay, "day">;
  retries: RetryOutcomes;
  failingTests: { name: string; failures: number }[];
  rolledUpAt: string | null;
};

const SUMS = `
    'started', coalesce(sum(runs_started), 0), 'merged', coalesce(sum(runs_merged), 0),
    'failed', coalesce(sum(runs_failed), 0), 'cancelled', coalesce(sum(runs_cancelled), 0),
    'needsHuman', coalesce(sum(runs_needs_human), 0), 'autoMerged', coalesce(sum(runs_auto_merged), 0),
    'costUsd', coalesce(sum(cost_usd), 0)::float8, 'inputTokens', coalesce(sum(input_tokens), 0)::float8,
    'outputTokens', coalesce(sum(output_tokens), 0)::float8,
    'firstAttempts', coalesce(sum(first_attempts), 0), 'firstAttemptsPassed', coalesce(sum(first_attempts_passed), 0),
    'fixAttempts', coalesce(sum(fix_attempts), 0), 'fixAttemptsPassed', coalesce(sum(fix_attempts_passed), 0)`;

const METRICS = [
  ["timeToPr", "pr"],
  ["timeToMerge", "merge"],
  ["validation", "validation"],
] as const;

/** Exact percentiles over every sample of the rows (one sort per metric), as JSON. */
const samplePercentiles = (column: string, rows: string, where = "") =>
  `(select json_build_object('p50', p[1], 'p90', p[2], 'count', n) from (
      select percentile_cont(array[0.5, 0.9]) within group (order by x) as p, count(x) as n
      from ${rows}, unnest(${column}_seconds) x ${where}) t)`;

// A day's percentiles: stored on its row when the scope has one row per day (min() of the
// one value), else computed from the samples of the day's rows.
const dayPercentiles = (oneRowPerDay: boolean) =>
  METRICS.map(([name, column]) =>
    oneRowPerDay
      ? `'${name}', json_build_object('p50', min(${column}_p_50), 'p90', min(${column}_p_90), 'count', sum(cardinality(${column}_seconds)))`
      : `'${name}', ${samplePercentiles(column, "scoped s2", "where s2.day = scoped.day")}`,
  ).join(", ");

/**
 * The rollups of a period for a team (its own rows) or for projects (theirs, summed per
 * day): daily series, totals, exact percentiles over every sample of the period, retries by
 * strategy and the most frequent failing tests. One statement over at most a row per day
 * (a team or one project: each day's percentiles are stored on its row) or per project and
 * day (several projects: each day's are computed from their samples).
 */
export async function getInsightFigures({
  db,
  teamId,
  projectIds,
  from,
  to,
  topTests = 10,
}: {
  db: Database;
  teamId: string;
  /** Null: the team's own rows. */
  projectIds: string[] | null;
  from: string;
  to: string;
  topTests?: number;
}): Promise<InsightFigures> {
  const scope =
    projectIds === null
      ? sql`project_id is null`
      : projectIds.length === 0
        ? sql`false`
        : sql`project_id in (${sql.join(
            projectIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`;
  const oneRowPerDay = projectIds === null || projectIds.length === 1;
  const perDay = sql.raw(
    `select day::text as day, json_build_object(${SUMS}, ${dayPercentiles(oneRowPerDay)}) as figures from scoped group by day`,
  );
  const [row] = rowsOf<{ figures: InsightFigures }>(
    await db.execute(sql`
      with scoped as (
        select * from insight_daily_rollups
        where team_id = ${teamId}::uuid and ${scope} and day between ${from}::date and ${to}::date
      ),
      days as (${perDay})
      select json_build_object(
        'days', coalesce((select json_agg(d.figures::jsonb || jsonb_build_object('day', d.day) order by d.day) from days d), '[]'::json),
        'totals', (select json_build_object(${sql.raw(SUMS)}, ${sql.raw(
          METRICS.map(([name, column]) => `'${name}', ${samplePercentiles(column, "scoped")}`).join(", "),
        )}) from scoped),
        'retries', coalesce((
          select json_object_agg(strategy, json_build_object('ended', ended, 'merged', merged))
          from (select key as strategy, sum((value->>'ended')::int) as ended, sum((value->>'merged')::int) as merged
                from scoped, jsonb_each(retries) group by key) r), '{}'::json),
        'failingTests', coalesce((
          select json_agg(json_build_object('name', name, 'failures', failures) order by failures desc, name)
          from (select key as name, sum(value::int)::int as failures from scoped, jsonb_each_text(failing_tests)
                group by key order by failures desc, key limit ${topTests}) t), '[]'::json),
        'rolledUpAt', (select max(rolled_up_at) from scoped)
      ) as figures`),
  );
  if (!row) throw new Error("the insights statement returned no row");
  return row.figures;
}

/** Every project of a team (pinned or not), with what access to it depends on. */
export async function getTeamProjectRepositories({
  db,
  teamId,
}: {
  db: Database;
  teamId: string;
}): Promise<{ id: string; provider: string; repository: string }[]> {
  return rowsOf<{ id: string; provider: string; repository: string }>(
    await db.execute(sql`select id, provider::text, repository from projects where team_id = ${teamId}::uuid`),
  );
}
