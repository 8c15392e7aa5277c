import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { getProjectFacets, getProjectSummaries } from "@/db/queries/project-summaries";
import { createTeam } from "@/db/queries/teams";
import { figure, percentile } from "./lib/figures";

// The dashboard's one query (the project cards with their live figures) at 1,000 pinned
// projects and 100,000 runs, with pull requests and validations: the first page of 48
// cards, a search, a status filter, and the filter chips' counts. On DATABASE_URL's
// Postgres when it is set.
export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-bench-summaries-"));
  const url = process.env.DATABASE_URL;
  const handle = url ? openDatabase({ url }) : openDatabase({ dataDir: dir });
  try {
    await migrateDatabase(handle);
    const db = handle.db;
    const team = await createTeam({ db, name: "Bench", slug: `bench-${Date.now()}` });
    await db.execute(sql`
      insert into projects (team_id, provider, repository, name, settings, created_at)
      select ${team.id}::uuid, 'local', '/repos/project-' || i, 'project-' || i, '{}'::jsonb, now() - (i || ' seconds')::interval
      from generate_series(1, 1000) i`);
    // 100 runs per project over 60 days; mostly merged, some failed, a few live.
    await db.execute(sql`
      insert into runs (project_id, source, goal, base_branch, budget, state, state_changed_at, created_at, finished_at, cost_usd)
      select p.id, 'api', 'goal ' || i, 'main', '{}'::jsonb,
        (case when i % 50 = 0 then 'coding' when i % 97 = 0 then 'awaiting_approval' when i % 7 = 0 then 'failed' when i % 11 = 0 then 'cancelled' else 'merged' end)::run_state,
        now() - (i * 14 || ' hours')::interval, now() - (i * 14 || ' hours')::interval,
        case when i % 50 = 0 or i % 97 = 0 then null else now() - (i * 14 - 1 || ' hours')::interval end, 0.1
      from projects p cross join generate_series(1, 100) i where p.team_id = ${team.id}::uuid`);
    await db.execute(sql`
      insert into validations (run_id, project_id, attempt, status, finished_at)
      select r.id, r.project_id, 1, 'passed', r.finished_at from runs r where r.state = 'merged'`);
    await db.execute(sql`
      insert into pull_requests (project_id, run_id, number, title, head_branch, base_branch, state)
      select r.project_id, r.id, row_number() over (partition by r.project_id order by r.created_at), r.goal, 'b-' || r.id, 'main', 'merged'
      from runs r where r.state = 'merged'`);
    // What autovacuum (Postgres) or the hourly maintain-embedded-database function (PGlite) keeps up.
    await db.execute(sql`vacuum analyze`);

    const cases = {
      first_page: { limit: 48 },
      search: { limit: 48, query: "project-99" },
      attention: { limit: 48, status: "attention" as const },
    };
    for (const [name, options] of Object.entries(cases)) {
      const samples: number[] = [];
      for (let i = 0; i < 30; i++) {
        const started = performance.now();
        await getProjectSummaries({ db, teamIds: [team.id], ...options });
        samples.push(performance.now() - started);
      }
      figure(`summaries_${name}_p50_ms`, percentile(samples, 50), "ms");
      figure(`summaries_${name}_p95_ms`, percentile(samples, 95), "ms");
    }
    const facets: number[] = [];
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      await getProjectFacets({ db, teamIds: [team.id] });
      facets.push(performance.now() - started);
    }
    figure("facets_p50_ms", percentile(facets, 50), "ms");
    figure("facets_p95_ms", percentile(facets, 95), "ms");
  } finally {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
