import { type SQL, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { ATTENTION_DAYS } from "@/db/queries/notifications";
import type { PageKey } from "@/db/queries/page-key";
import type { Project, PullRequest, RunState, Validation } from "@/db/schema";

export const projectStatusFilters = ["all", "active", "attention", "idle"] as const;
export type ProjectStatusFilter = (typeof projectStatusFilters)[number];

export type SummaryRun = { id: string; goal: string; state: RunState; createdAt: string; lastSeq: number };

/** What a project card shows, computed in the database for many projects at once. */
export type ProjectSummary = {
  project: Project;
  teamName: string;
  /** Runs not yet ended, newest first (at most 3), and how many there are. */
  activeRuns: SummaryRun[];
  activeRunCount: number;
  /** Runs that need a person: plans awaiting approval, and runs that failed or were handed back in the last 14 days. */
  attentionCount: number;
  latestRun: SummaryRun | null;
  lastPullRequest: Pick<PullRequest, "number" | "title" | "state" | "url" | "runId"> | null;
  lastValidation: (Pick<Validation, "id" | "runId" | "attempt" | "status"> & { finishedAt: string | null }) | null;
  /** Runs started in the last 30 days that ended: merged / (merged + failed + needs_human); null with none. */
  successRate: number | null;
  endedRuns30d: number;
  medianMinutesToMerge: number | null;
  /** Model spend of the runs started since Monday 00:00 UTC. */
  spendThisWeekUsd: number;
  /** created_at as Postgres text, for keyset pagination. */
  pageCreatedAt: string;
};

export type ProjectFacets = Record<ProjectStatusFilter, number>;

export type ProjectSummariesPage = { summaries: ProjectSummary[]; facets: ProjectFacets };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Monday 00:00 UTC of the week of `now`. */
export function startOfWeekUtc(now: Date): Date {
  const day = (now.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - day));
}

/** `%text%` for ILIKE with the user's % and _ taken literally. */
const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

// runs' (project_id, created_at desc nulls last) index serves "order by created_at desc
// nulls last" only: the nulls clause must match for a per-project LIMIT 1 to be an index probe.
// Postgres text timestamps ("2026-01-02 03:04:05.123+00") inside json_build_object come
// out as ISO strings on both drivers; everything is returned as one JSON value per row so
// PGlite and postgres.js parse it alike.
const statusCondition: Record<ProjectStatusFilter, SQL> = {
  all: sql`true`,
  active: sql`s.active_count > 0`,
  attention: sql`s.attention_count > 0`,
  idle: sql`s.active_count = 0`,
};

/**
 * The cards of the dashboard and of GET /api/v1/projects: pinned projects of `teamIds`
 * (oldest first, so cards keep their place) matching `query` and `status`, one page after
 * `after`, each with its live summary, plus how many match each status filter. One
 * statement: counts for every project come from the partial indexes on runs' state; the
 * rest is computed per shown project through the (project_id, created_at) index.
 */
export async function getProjectSummaries({
  db,
  teamIds,
  query,
  status = "all",
  after,
  limit,
  githubRepositories,
  now = new Date(),
}: {
  db: Database;
  teamIds: string[];
  /** For a GitHub-signed-in person: the only GitHub repositories (lower-case owner/name) to show. */
  githubRepositories?: ReadonlySet<string>;
  query?: string;
  status?: ProjectStatusFilter;
  after?: PageKey;
  limit: number;
  now?: Date;
}): Promise<ProjectSummariesPage> {
  const empty = { all: 0, active: 0, attention: 0, idle: 0 };
  if (teamIds.length === 0) return { summaries: [], facets: empty };
  const teams = sql.join(
    teamIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const search = query?.trim() ? sql`and (p.name ilike ${containsPattern(query.trim())} or p.repository ilike ${containsPattern(query.trim())})` : sql``;
  const reachable = githubRepositories
    ? sql`and (p.provider <> 'github' or lower(p.repository) in (${sql.join(["", ...githubRepositories].map((name) => sql`${name}`), sql`, `)}))`
    : sql``;
  const afterKey = after ? sql`and (s.created_at, s.id) > (${after.createdAt}::timestamptz, ${after.id}::uuid)` : sql``;
  const attentionSince = new Date(now.getTime() - ATTENTION_DAYS * DAY_MS).toISOString();
  const statsSince = new Date(now.getTime() - 30 * DAY_MS).toISOString();
  const weekStart = startOfWeekUtc(now).toISOString();

  const result = await db.execute(sql`
    with visible as (
      select p.*, t.name as team_name
      from projects p join teams t on t.id = p.team_id
      where p.pinned and p.team_id in (${teams}) ${search} ${reachable}
    ),
    active as (
      select r.project_id, r.id, r.goal, r.state, r.created_at, r.last_seq,
             row_number() over (partition by r.project_id order by r.created_at desc) as n
      from runs r
      where r.state not in ('merged', 'failed', 'cancelled') and r.state <> 'needs_human'
        and r.project_id in (select id from visible)
    ),
    attention as (
      select r.project_id, count(*)::int as n
      from runs r
      where r.state in ('awaiting_approval', 'needs_human', 'failed')
        and (r.state = 'awaiting_approval' or r.state_changed_at >= ${attentionSince}::timestamptz)
        and r.project_id in (select id from visible)
      group by r.project_id
    ),
    active_counts as (
      select project_id, count(*)::int as n from active group by project_id
    ),
    summaries as (
      select v.*, coalesce(ac.n, 0) as active_count, coalesce(att.n, 0) as attention_count
      from visible v
      left join active_counts ac on ac.project_id = v.id
      left join attention att on att.project_id = v.id
    ),
    facets as (
      select json_build_object(
        'all', count(*),
        'active', count(*) filter (where active_count > 0),
        'attention', count(*) filter (where attention_count > 0),
        'idle', count(*) filter (where active_count = 0)
      ) as facets
      from summaries
    ),
    shown as (
      select s.* from summaries s
      where ${statusCondition[status]} ${afterKey}
      order by s.created_at, s.id
      limit ${limit}
    ),
    active_json as (
      select a.project_id, json_agg(json_build_object('id', a.id, 'goal', a.goal, 'state', a.state, 'createdAt', a.created_at, 'lastSeq', a.last_seq) order by a.created_at desc) as runs
      from active a where a.n <= 3 and a.project_id in (select id from shown)
      group by a.project_id
    )
    select case when s.id is null then null else json_build_object(
      'project', json_build_object(
        'id', s.id, 'teamId', s.team_id, 'provider', s.provider, 'repository', s.repository, 'name', s.name,
        'defaultBranch', s.default_branch, 'installationId', s.installation_id, 'pinned', s.pinned,
        'settings', s.settings, 'createdAt', s.created_at, 'updatedAt', s.updated_at
      ),
      'teamName', s.team_name,
      'pageCreatedAt', s.created_at::text,
      'activeCount', s.active_count,
      'attentionCount', s.attention_count,
      'activeRuns', coalesce(aj.runs, '[]'::json),
      'latestRun', (
        select json_build_object('id', r.id, 'goal', r.goal, 'state', r.state, 'createdAt', r.created_at, 'lastSeq', r.last_seq)
        from runs r where r.project_id = s.id order by r.created_at desc nulls last limit 1
      ),
      'lastPullRequest', (
        select json_build_object('number', pr.number, 'title', pr.title, 'state', pr.state, 'url', pr.url, 'runId', pr.run_id)
        from pull_requests pr where pr.project_id = s.id order by pr.number desc limit 1
      ),
      'lastValidation', (
        select json_build_object('id', lv.id, 'runId', lv.run_id, 'attempt', lv.attempt, 'status', lv.status, 'finishedAt', lv.finished_at)
        from runs r
        cross join lateral (select * from validations v where v.run_id = r.id order by v.attempt desc limit 1) lv
        where r.project_id = s.id
        order by r.created_at desc nulls last limit 1
      ),
      'stats', (
        select json_build_object(
          'merged', count(*) filter (where r.state = 'merged'),
          'ended', count(*),
          'medianMergeSeconds', percentile_cont(0.5) within group (order by extract(epoch from (r.finished_at - r.created_at))) filter (where r.state = 'merged')
        )
        from runs r
        where r.project_id = s.id and r.created_at >= ${statsSince}::timestamptz and r.state in ('merged', 'failed', 'needs_human')
      ),
      'spendUsd', (
        select coalesce(sum(r.cost_usd), 0)::float8 from runs r where r.project_id = s.id and r.created_at >= ${weekStart}::timestamptz
      )
    ) end as summary,
    f.facets
    -- The facets row carries the counts even when no project is shown.
    from facets f left join shown s on true
    left join active_json aj on aj.project_id = s.id
    order by s.created_at, s.id
  `);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { summary: RawSummary | null; facets: ProjectFacets }[];
  return {
    summaries: rows.flatMap((row) => (row.summary ? [toSummary(row.summary)] : [])),
    facets: rows[0]?.facets ?? empty,
  };
}

type RawSummary = {
  project: Omit<Project, "createdAt" | "updatedAt"> & { createdAt: string; updatedAt: string };
  teamName: string;
  pageCreatedAt: string;
  activeCount: number;
  attentionCount: number;
  activeRuns: SummaryRun[];
  latestRun: SummaryRun | null;
  lastPullRequest: ProjectSummary["lastPullRequest"];
  lastValidation: ProjectSummary["lastValidation"];
  stats: { merged: number; ended: number; medianMergeSeconds: number | null };
  spendUsd: number;
};

function toSummary(raw: RawSummary): ProjectSummary {
  const { project, stats } = raw;
  return {
    project: { ...project, createdAt: new Date(project.createdAt), updatedAt: new Date(project.updatedAt) },
    teamName: raw.teamName,
    activeRuns: raw.activeRuns,
    activeRunCount: raw.activeCount,
    attentionCount: raw.attentionCount,
    latestRun: raw.latestRun,
    lastPullRequest: raw.lastPullRequest,
    lastValidation: raw.lastValidation,
    successRate: stats.ended > 0 ? stats.merged / stats.ended : null,
    endedRuns30d: stats.ended,
    medianMinutesToMerge: stats.medianMergeSeconds === null ? null : stats.medianMergeSeconds / 60,
    spendThisWeekUsd: Number(raw.spendUsd),
    pageCreatedAt: raw.pageCreatedAt,
  };
}
