import { type SQL, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rowsOf } from "@/db/queries/rows-of";

// The insights' daily rollups (db/schema/insights.ts): recomputed from the runs, pull
// requests, validations and run events of a range of days, and how far they are complete.
// Reading them back for a period is insight-figures.ts.

const dayStart = (day: string) => `${day}T00:00:00Z`;
const nextDay = (day: string) => new Date(Date.parse(dayStart(day)) + 86_400_000).toISOString();

/**
 * Recomputes the rollups of the days `from`..`to` (UTC, inclusive) from the source tables,
 * for one team or all: each project's row and the team's row (project_id null) per day with
 * any activity; days left with none lose their rows. One transaction; returns the rows written.
 */
export async function recomputeInsightRollups({
  db,
  from,
  to,
  teamId,
  projectId,
}: {
  db: Database;
  from: string;
  to: string;
  teamId?: string;
  /**
   * With `teamId`: only this project's rows are recomputed from the source tables, and the
   * team's rows from its projects' rows (sums, samples and counts add up), so one run's
   * change costs its project's day, not its whole team's.
   */
  projectId?: string;
}): Promise<number> {
  if (projectId && !teamId) throw new Error("recomputeInsightRollups: a project's roll-up needs its team");
  const start = sql`${dayStart(from)}::timestamptz`;
  const end = sql`${nextDay(to)}::timestamptz`;
  // Every source row is joined to its project (p): the scope is a condition on it.
  const inTeam = projectId ? sql`and p.id = ${projectId}::uuid` : teamId ? sql`and p.team_id = ${teamId}::uuid` : sql``;
  // The team's rows (project_id null) come from the same facts, unless one project is redone.
  const teamSets = (...keys: string[]) => sql.raw(projectId ? "" : `, (${keys.join(", ")})`);
  const day = (column: SQL) => sql`(${column} at time zone 'UTC')::date`;
  const ended = sql`('merged', 'failed', 'cancelled', 'needs_human')`;
  const zeros = (count: number) => sql.raw(Array(count).fill("0").join(", "));
  return db.transaction(async (tx) => {
    await tx.execute(sql`
      delete from insight_daily_rollups
      where day between ${from}::date and ${to}::date ${teamId ? sql`and team_id = ${teamId}::uuid` : sql``}
        ${projectId ? sql`and project_id = ${projectId}::uuid` : sql``}`);
    const result = await tx.execute(sql`
      with facts (team_id, project_id, day, started, merged, failed, cancelled, needs_human, auto_merged,
                  cost, input_tokens, output_tokens, pr_s, merge_s, validation_s,
                  first_attempts, first_passed, fix_attempts, fix_passed) as (
        select p.team_id, r.project_id, ${day(sql`r.created_at`)}, 1, ${zeros(5)},
          0::numeric, 0::bigint, 0::bigint, null::float8, null::float8, null::float8, ${zeros(4)}
        from runs r join projects p on p.id = r.project_id
        where r.created_at >= ${start} and r.created_at < ${end} ${inTeam}
        union all
        select p.team_id, r.project_id, ${day(sql`r.finished_at`)}, 0,
          (r.state = 'merged')::int, (r.state = 'failed')::int, (r.state = 'cancelled')::int,
          (r.state = 'needs_human')::int,
          -- Merged by the pipeline (out of merging) with no person's merge request.
          (r.state = 'merged'
            and exists (select 1 from run_events e where e.run_id = r.id and e.type = 'state.changed'
                        and e.to_state = 'merged' and e.from_state = 'merging')
            and not exists (select 1 from run_events e where e.run_id = r.id and e.type = 'merge.requested'))::int,
          r.cost_usd, r.input_tokens::bigint, r.output_tokens::bigint,
          null, case when r.state = 'merged' then extract(epoch from r.finished_at - r.created_at)::float8 end, null,
          ${zeros(4)}
        from runs r join projects p on p.id = r.project_id
        where r.finished_at >= ${start} and r.finished_at < ${end} and r.state in ${ended} ${inTeam}
        union all
        select p.team_id, pr.project_id, ${day(sql`pr.created_at`)}, ${zeros(6)}, 0, 0, 0,
          extract(epoch from pr.created_at - r.created_at)::float8, null, null, ${zeros(4)}
        from pull_requests pr join runs r on r.id = pr.run_id join projects p on p.id = pr.project_id
        where pr.created_at >= ${start} and pr.created_at < ${end} ${inTeam}
        union all
        select p.team_id, v.project_id, ${day(sql`v.finished_at`)}, ${zeros(6)}, 0, 0, 0, null, null,
          case when v.started_at is not null then extract(epoch from v.finished_at - v.started_at)::float8 end,
          (v.attempt = 1)::int, (v.attempt = 1 and v.status = 'passed')::int,
          (v.attempt > 1)::int, (v.attempt > 1 and v.status = 'passed')::int
        from validations v join projects p on p.id = v.project_id
        where v.finished_at >= ${start} and v.finished_at < ${end} and v.status in ('passed', 'failed') ${inTeam}
      ),
      rolled as (
        select team_id, project_id, day,
          sum(started)::int as runs_started, sum(merged)::int as runs_merged, sum(failed)::int as runs_failed,
          sum(cancelled)::int as runs_cancelled, sum(needs_human)::int as runs_needs_human,
          sum(auto_merged)::int as runs_auto_merged, sum(cost) as cost_usd,
          sum(input_tokens)::bigint as input_tokens, sum(output_tokens)::bigint as output_tokens,
          coalesce(array_agg(pr_s order by pr_s) filter (where pr_s is not null), '{}') as pr_seconds,
          coalesce(array_agg(merge_s order by merge_s) filter (where merge_s is not null), '{}') as merge_seconds,
          coalesce(array_agg(validation_s order by validation_s) filter (where validation_s is not null), '{}')
            as validation_seconds,
          percentile_cont(0.5) within group (order by pr_s) as pr_p_50,
          percentile_cont(0.9) within group (order by pr_s) as pr_p_90,
          percentile_cont(0.5) within group (order by merge_s) as merge_p_50,
          percentile_cont(0.9) within group (order by merge_s) as merge_p_90,
          percentile_cont(0.5) within group (order by validation_s) as validation_p_50,
          percentile_cont(0.9) within group (order by validation_s) as validation_p_90,
          sum(first_attempts)::int as first_attempts, sum(first_passed)::int as first_attempts_passed,
          sum(fix_attempts)::int as fix_attempts, sum(fix_passed)::int as fix_attempts_passed
        from facts
        group by grouping sets ((team_id, project_id, day)${teamSets("team_id", "day")})
      ),
      failing as (
        select team_id, project_id, day, jsonb_object_agg(name, failures) as failing_tests
        from (
          select p.team_id, v.project_id, ${day(sql`v.finished_at`)} as day, names.name, count(*)::int as failures
          from validations v join projects p on p.id = v.project_id
          cross join lateral (
            select distinct f->>'name' as name
            from jsonb_array_elements(v.setup || v.tests) t,
              jsonb_array_elements(coalesce(t->'evidence'->'failing', '[]'::jsonb)) f
            where f->>'name' is not null
          ) names
          where v.finished_at >= ${start} and v.finished_at < ${end} and v.status = 'failed' ${inTeam}
          group by grouping sets ((p.team_id, v.project_id, 3, names.name)${teamSets("p.team_id", "3", "names.name")})
        ) counted
        group by team_id, project_id, day
      ),
      retried as (
        select team_id, project_id, day,
          jsonb_object_agg(strategy, jsonb_build_object('ended', ended, 'merged', merged)) as retries
        from (
          -- A retry's strategy is read from its run.retry_of event when it names one.
          select p.team_id, r.project_id, ${day(sql`r.finished_at`)} as day,
            coalesce(retry.data->>'strategy', 'default') as strategy,
            count(*) filter (where r.state in ('merged', 'failed', 'needs_human'))::int as ended,
            count(*) filter (where r.state = 'merged')::int as merged
          from runs r join projects p on p.id = r.project_id
          cross join lateral (
            select e.data from run_events e where e.run_id = r.id and e.type = 'run.retry_of' order by e.seq limit 1
          ) retry
          where r.finished_at >= ${start} and r.finished_at < ${end} and r.state in ${ended} ${inTeam}
          group by grouping sets ((p.team_id, r.project_id, 3, 4)${teamSets("p.team_id", "3", "4")})
        ) counted
        group by team_id, project_id, day
      )
      insert into insight_daily_rollups (team_id, project_id, day, runs_started, runs_merged, runs_failed,
        runs_cancelled, runs_needs_human, runs_auto_merged, cost_usd, input_tokens, output_tokens, pr_seconds,
        merge_seconds, validation_seconds, pr_p_50, pr_p_90, merge_p_50, merge_p_90, validation_p_50, validation_p_90,
        first_attempts, first_attempts_passed, fix_attempts, fix_attempts_passed, retries, failing_tests, rolled_up_at)
      select r.team_id, r.project_id, r.day, r.runs_started, r.runs_merged, r.runs_failed, r.runs_cancelled,
        r.runs_needs_human, r.runs_auto_merged, r.cost_usd, r.input_tokens, r.output_tokens, r.pr_seconds,
        r.merge_seconds, r.validation_seconds, r.pr_p_50, r.pr_p_90, r.merge_p_50, r.merge_p_90, r.validation_p_50,
        r.validation_p_90, r.first_attempts, r.first_attempts_passed, r.fix_attempts,
        r.fix_attempts_passed, coalesce(rt.retries, '{}'::jsonb), coalesce(f.failing_tests, '{}'::jsonb), now()
      from rolled r
      left join retried rt on rt.team_id = r.team_id and rt.day = r.day and rt.project_id is not distinct from r.project_id
      left join failing f on f.team_id = r.team_id and f.day = r.day and f.project_id is not distinct from r.project_id
      on conflict on constraint insight_daily_rollups_scope_day do update set
        runs_started = excluded.runs_started, runs_merged = excluded.runs_merged, runs_failed = excluded.runs_failed,
        runs_cancelled = excluded.runs_cancelled, runs_needs_human = excluded.runs_needs_human,
        runs_auto_merged = excluded.runs_auto_merged, cost_usd = excluded.cost_usd,
        input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens,
        pr_seconds = excluded.pr_seconds, merge_seconds = excluded.merge_seconds,
        validation_seconds = excluded.validation_seconds, pr_p_50 = excluded.pr_p_50, pr_p_90 = excluded.pr_p_90,
        merge_p_50 = excluded.merge_p_50, merge_p_90 = excluded.merge_p_90, validation_p_50 = excluded.validation_p_50,
        validation_p_90 = excluded.validation_p_90, first_attempts = excluded.first_attempts,
        first_attempts_passed = excluded.first_attempts_passed, fix_attempts = excluded.fix_attempts,
        fix_attempts_passed = excluded.fix_attempts_passed, retries = excluded.retries,
        failing_tests = excluded.failing_tests, rolled_up_at = excluded.rolled_up_at
      returning 1`);
    if (!projectId || !teamId) return rowsOf(result).length;
    return rowsOf(result).length + (await rollUpTeamFromProjects(tx, teamId, from, to));
  });
}

/**
 * The team's rows (project_id null) of `from`..`to` from its projects' rows: counts, spend
 * and tokens summed, samples joined (and their percentiles taken again), failing tests and
 * retries added up by name and strategy. Days with no project row lose the team's row.
 */
async function rollUpTeamFromProjects(tx: Database, teamId: string, from: string, to: string): Promise<number> {
  await tx.execute(sql`
    delete from insight_daily_rollups
    where team_id = ${teamId}::uuid and project_id is null and day between ${from}::date and ${to}::date`);
  const samples = (column: string) =>
    sql.raw(`
        select day, array_agg(s order by s) as samples,
          percentile_cont(0.5) within group (order by s) as p_50,
          percentile_cont(0.9) within group (order by s) as p_90
        from projects_rows, unnest(${column}) s group by day`);
  const result = await tx.execute(sql`
    with projects_rows as materialized (
      select * from insight_daily_rollups
      where team_id = ${teamId}::uuid and project_id is not null and day between ${from}::date and ${to}::date
    ),
    summed as (
      select day, sum(runs_started)::int as runs_started, sum(runs_merged)::int as runs_merged,
        sum(runs_failed)::int as runs_failed, sum(runs_cancelled)::int as runs_cancelled,
        sum(runs_needs_human)::int as runs_needs_human, sum(runs_auto_merged)::int as runs_auto_merged,
        sum(cost_usd) as cost_usd, sum(input_tokens)::bigint as input_tokens, sum(output_tokens)::bigint as output_tokens,
        sum(first_attempts)::int as first_attempts, sum(first_attempts_passed)::int as first_attempts_passed,
        sum(fix_attempts)::int as fix_attempts, sum(fix_attempts_passed)::int as fix_attempts_passed
      from projects_rows group by day
    ),
    pr_samples as (${samples("pr_seconds")}),
    merge_samples as (${samples("merge_seconds")}),
    validation_samples as (${samples("validation_seconds")}),
    failing as (
      select day, jsonb_object_agg(name, failures) as failing_tests
      from (
        select day, key as name, sum(value::int)::int as failures
        from projects_rows, jsonb_each_text(failing_tests) group by day, key
      ) counted
      group by day
    ),
    retried as (
      select day, jsonb_object_agg(strategy, jsonb_build_object('ended', ended, 'merged', merged)) as retries
      from (
        select day, key as strategy, sum((value->>'ended')::int)::int as ended, sum((value->>'merged')::int)::int as merged
        from projects_rows, jsonb_each(retries) group by day, key
      ) counted
      group by day
    )
    insert into insight_daily_rollups (team_id, project_id, day, runs_started, runs_merged, runs_failed,
      runs_cancelled, runs_needs_human, runs_auto_merged, cost_usd, input_tokens, output_tokens, pr_seconds,
      merge_seconds, validation_seconds, pr_p_50, pr_p_90, merge_p_50, merge_p_90, validation_p_50, validation_p_90,
      first_attempts, first_attempts_passed, fix_attempts, fix_attempts_passed, retries, failing_tests, rolled_up_at)
    select ${teamId}::uuid, null, s.day, s.runs_started, s.runs_merged, s.runs_failed, s.runs_cancelled,
      s.runs_needs_human, s.runs_auto_merged, s.cost_usd, s.input_tokens, s.output_tokens,
      coalesce(ps.samples, '{}'), coalesce(ms.samples, '{}'), coalesce(vs.samples, '{}'),
      ps.p_50, ps.p_90, ms.p_50, ms.p_90, vs.p_50, vs.p_90,
      s.first_attempts, s.first_attempts_passed, s.fix_attempts, s.fix_attempts_passed,
      coalesce(rt.retries, '{}'::jsonb), coalesce(f.failing_tests, '{}'::jsonb), now()
    from summed s
    left join pr_samples ps on ps.day = s.day
    left join merge_samples ms on ms.day = s.day
    left join validation_samples vs on vs.day = s.day
    left join failing f on f.day = s.day
    left join retried rt on rt.day = s.day
    returning 1`);
  return rowsOf(result).length;
}

/** The first day with any run, pull request or validation (where a backfill starts), or null. */
export async function getFirstActivityDay({ db }: { db: Database }): Promise<string | null> {
  const [row] = rowsOf<{ day: string | null }>(
    await db.execute(sql`select (min(created_at) at time zone 'UTC')::date::text as day from runs`),
  );
  return row?.day ?? null;
}

export async function getRollupCompleteThrough({ db }: { db: Database }): Promise<string | null> {
  const [row] = rowsOf<{ day: string | null }>(
    await db.execute(sql`select complete_through::text as day from insight_rollup_state where id = 'daily'`),
  );
  return row?.day ?? null;
}

export async function setRollupCompleteThrough({ db, day }: { db: Database; day: string }): Promise<void> {
  await db.execute(sql`
    insert into insight_rollup_state (id, complete_through, updated_at) values ('daily', ${day}::date, now())
    on conflict (id) do update set complete_through = greatest(insight_rollup_state.complete_through, excluded.complete_through),
      updated_at = now()`);
}
