import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";

/**
 * A year of history for the insights benchmark, written with generate_series: `projects`
 * projects of the team, `runs` runs spread over the last 365 days (merged, most of them;
 * failed, cancelled, handed to a person; a few still going), a pull request for each run
 * that got that far, one to three validations per ended run with failing tests named in
 * their evidence, merge events (auto and by a person) and retries with strategies.
 */
export async function seedInsightRuns({
  db,
  teamId,
  projects,
  runs,
}: {
  db: Database;
  teamId: string;
  projects: number;
  runs: number;
}): Promise<void> {
  await db.execute(sql`
    insert into projects (team_id, provider, repository, name, settings, created_at)
    select ${teamId}::uuid, 'local', '/repos/insights-' || i, 'insights-' || i, '{}'::jsonb, now() - interval '400 days'
    from generate_series(1, ${projects}) i`);
  await db.execute(sql`
    with numbered as (
      select id, row_number() over (order by name) - 1 as n from projects where team_id = ${teamId}::uuid
    )
    insert into runs (project_id, source, goal, base_branch, budget, state, state_changed_at, created_at, finished_at,
      cost_usd, input_tokens, output_tokens, attempt)
    select p.id, 'api', 'goal ' || i, 'main', '{}'::jsonb,
      (case when i % 53 = 0 then 'coding' when i % 9 = 0 then 'failed' when i % 13 = 0 then 'cancelled'
            when i % 17 = 0 then 'needs_human' else 'merged' end)::run_state,
      now() - ((i * 315) % 31536000 || ' seconds')::interval,
      now() - ((i * 315) % 31536000 || ' seconds')::interval,
      case when i % 53 = 0 then null
           else now() - ((i * 315) % 31536000 || ' seconds')::interval + ((600 + (i * 37) % 7200) || ' seconds')::interval end,
      ((i % 100) / 40.0)::numeric, 2000 + (i * 7) % 40000, 300 + (i * 3) % 8000, 1 + i % 3
    from generate_series(1, ${runs}) i
    join numbered p on p.n = i % ${projects}`);
  await db.execute(sql`
    insert into pull_requests (project_id, run_id, number, title, head_branch, base_branch, state, created_at)
    select r.project_id, r.id, row_number() over (partition by r.project_id order by r.created_at), r.goal, 'b-' || r.id,
      'main', 'open', r.created_at + interval '4 minutes'
    from runs r join projects p on p.id = r.project_id
    where p.team_id = ${teamId}::uuid and r.state <> 'cancelled'`);
  await db.execute(sql`
    insert into validations (run_id, project_id, attempt, status, started_at, finished_at, tests)
    select r.id, r.project_id, a,
      (case when a = r.attempt and r.state = 'merged' then 'passed' else 'failed' end)::validation_status,
      r.created_at + (a * 5 || ' minutes')::interval, r.created_at + (a * 5 || ' minutes')::interval + interval '90 seconds',
      case when a = r.attempt and r.state = 'merged' then '[]'::jsonb
           else jsonb_build_array(jsonb_build_object('command', 'npm test', 'exitCode', 1, 'durationMs', 90000, 'output', '',
             'evidence', jsonb_build_object('format', 'tap', 'passing', '[]'::jsonb, 'problems', '[]'::jsonb,
               'annotations', '[]'::jsonb,
               'failing', jsonb_build_array(jsonb_build_object('name', 'suite > test ' || (abs(hashtext(r.id::text)) % 40))))))
      end
    from runs r join projects p on p.id = r.project_id cross join generate_series(1, 3) a
    where p.team_id = ${teamId}::uuid and r.finished_at is not null and a <= r.attempt and r.state <> 'cancelled'`);
  await db.execute(sql`
    insert into run_events (run_id, seq, type, from_state, to_state, data, created_at)
    select r.id, 1, 'state.changed', 'merging', 'merged', '{}'::jsonb, r.finished_at
    from runs r join projects p on p.id = r.project_id where p.team_id = ${teamId}::uuid and r.state = 'merged'`);
  await db.execute(sql`
    insert into run_events (run_id, seq, type, data, created_at)
    select r.id, 2, 'merge.requested', '{}'::jsonb, r.finished_at
    from runs r join projects p on p.id = r.project_id
    where p.team_id = ${teamId}::uuid and r.state = 'merged' and abs(hashtext(r.id::text)) % 4 = 0`);
  await db.execute(sql`
    insert into run_events (run_id, seq, type, data, created_at)
    select r.id, 3, 'run.retry_of',
      jsonb_build_object('runId', r.id, 'strategy', (array['fresh-context', 'bigger-model', 'narrower-plan'])[1 + abs(hashtext(r.goal)) % 3]),
      r.created_at
    from runs r join projects p on p.id = r.project_id
    where p.team_id = ${teamId}::uuid and abs(hashtext(r.goal)) % 10 = 0`);
}
