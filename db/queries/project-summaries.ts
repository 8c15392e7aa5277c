import { type SQL, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { ATTENTION_DAYS } from "@/db/queries/notifications";
import type { PageKey } from "@/db/queries/page-key";
import type { Project, PullRequest, RunState, Validation } from "@/db/schema";
import { rowsOf } from "@/db/queries/rows-of";

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

const DAY_MS = 24 * 60 * 60 * 1000;

/** Monday 00:00 UTC of the week of `now`. */
export function startOfWeekUtc(now: Date): Date {
  const day = (now.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - day));
}

/** `%text%` for ILIKE with the user's % and _ taken literally. */
const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

type VisibleProjects = {
  teamIds: string[];
  /** For a GitHub-signed-in person: the only GitHub repositories (lower-case owner/name) to show. */
  githubRepositories?: ReadonlySet<string>;
  query?: string;
  now?: Date;
};

// Per project, through the partial indexes runs_project_active_idx and
// runs_project_attention_idx (db/schema/runs.ts): the state predicates are theirs, word
// for word, so the planner can prove they apply. Cost grows with the projects looked at,
// never with the runs they have.
const activeRuns = (project: SQL) =>
  sql`runs r where r.project_id = ${project} and r.state not in ('merged', 'failed', 'cancelled', 'needs_human')`;
const attentionRuns = (
  project: SQL,
  now: Date,
) => sql`runs r where r.project_id = ${project} and r.state in ('awaiting_approval', 'needs_human', 'failed')
  and (r.state = 'awaiting_approval' or r.state_changed_at >= ${new Date(now.getTime() - ATTENTION_DAYS * DAY_MS).toISOString()}::timestamptz)`;

const statusCondition = (status: ProjectStatusFilter, now: Date): SQL =>
  ({
    all: sql`true`,
    active: sql`exists (select 1 from ${activeRuns(sql`p.id`)})`,
    attention: sql`exists (select 1 from ${attentionRuns(sql`p.id`, now)})`,
    idle: sql`not exists (select 1 from ${activeRuns(sql`p.id`)})`,
  })[status];

/** The pinned projects of the teams that the person may see and that match the search, as a where clause on `projects p`. */
function visibleCondition({ teamIds, githubRepositories, query }: VisibleProjects): SQL {
  const teams = sql.join(
    teamIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const search = query?.trim()
    ? sql`and (p.name ilike ${containsPattern(query.trim())} or p.repository ilike ${containsPattern(query.trim())})`
    : sql``;
  const reachable = githubRepositories
    ? sql`and (p.provider <> 'github' or lower(p.repository) in (${sql.join(
        ["", ...githubRepositories].map((name) => sql`${name}`),
        sql`, `,
      )}))`
    : sql``;
  return sql`p.pinned and p.team_id in (${teams}) ${search} ${reachable}`;
}

/**
 * The cards of the dashboard and of GET /api/v1/projects: pinned projects of `teamIds`
 * (oldest first, so cards keep their place) matching `query` and `status`, one page after
 * `after`, each with its live summary. One statement: the page of projects is chosen
 * first, then each shown project's figures come from index probes on its own runs, so a
 * page costs the same with 10 projects or 10,000.
 */
export async function getProjectSummaries({
  db,
  status = "all",
  after,
  limit,
  now = new Date(),
  ...visible
}: VisibleProjects & {
  db: Database;
  status?: ProjectStatusFilter;
  after?: PageKey;
  limit: number;
}): Promise<ProjectSummary[]> {
  if (visible.teamIds.length === 0) return [];
  const afterKey = after ? sql`and (p.created_at, p.id) > (${after.createdAt}::timestamptz, ${after.id}::uuid)` : sql``;
  const statsSince = new Date(now.getTime() - 30 * DAY_MS).toISOString();
  const weekStart = startOfWeekUtc(now).toISOString();
  // runs' (project_id, created_at desc nulls last) index serves "order by created_at desc
  // nulls last" only: the nulls clause must match for a per-project LIMIT 1 to be an index
  // probe. Postgres text timestamps inside json_build_object come out as ISO strings on
  // both drivers; each row is one JSON value so PGlite and postgres.js parse it alike.
  const result = await db.execute(sql`
    with shown as (
      select p.*, t.name as team_name
      from projects p join teams t on t.id = p.team_id
      where ${visibleCondition(visible)} and ${statusCondition(status, now)} ${afterKey}
      order by p.created_at, p.id
      limit ${limit}
    )
    select json_build_object(
      'project', json_build_object(
        'id', s.id, 'teamId', s.team_id, 'provider', s.provider, 'repository', s.repository, 'name', s.name,
        'defaultBranch', s.default_branch, 'installationId', s.installation_id, 'pinned', s.pinned,
        'settings', s.settings, 'createdAt', s.created_at, 'updatedAt', s.updated_at
      ),
      'teamName', s.team_name,
      'pageCreatedAt', s.created_at::text,
      'activeCount', (select count(*) from ${activeRuns(sql`s.id`)}),
      'attentionCount', (select count(*) from ${attentionRuns(sql`s.id`, now)}),
      'activeRuns', (
        select json_agg(json_build_object('id', a.id, 'goal', a.goal, 'state', a.state, 'createdAt', a.created_at, 'lastSeq', a.last_seq) order by a.created_at desc)
        from (select r.* from ${activeRuns(sql`s.id`)} order by r.created_at desc nulls last limit 3) a
      ),
      'latestRun', (
        select json_build_object('id', r.id, 'goal', r.goal, 'state', r.state, 'createdAt', r.created_at, 'lastSeq', r.last_seq)
        from runs r where r.project_id = s.id order by r.created_at desc nulls last limit 1
      ),
      'lastPullRequest', (
        select json_build_object('number', pr.number, 'title', pr.title, 'state', pr.state, 'url', pr.url, 'runId', pr.run_id)
        from pull_requests pr where pr.project_id = s.id order by pr.number desc limit 1
      ),
      'lastValidation', (
        select json_build_object('id', v.id, 'runId', v.run_id, 'attempt', v.attempt, 'status', v.status, 'finishedAt', v.finished_at)
        from validations v where v.project_id = s.id order by v.created_at desc nulls last, v.attempt desc limit 1
      ),
      -- The week never starts more than 30 days ago: one pass over the month's runs.
      'stats', (
        select json_build_object(
          'merged', count(*) filter (where r.state = 'merged'),
          'ended', count(*) filter (where r.state in ('merged', 'failed', 'needs_human')),
          'medianMergeSeconds', percentile_cont(0.5) within group (order by extract(epoch from (r.finished_at - r.created_at))) filter (where r.state = 'merged'),
          'spendUsd', coalesce(sum(r.cost_usd) filter (where r.created_at >= ${weekStart}::timestamptz), 0)::float8
        )
        from runs r
        where r.project_id = s.id and r.created_at >= ${statsSince}::timestamptz
      )
    ) as summary
    from shown s
    order by s.created_at, s.id
  `);
  return rowsOf<{ summary: RawSummary }>(result).map((row) => toSummary(row.summary));
}

/**
 * How many of the visible projects matching `query` each status filter would show: the
 * counts on the dashboard's filter chips. Two index probes per project.
 */
export async function getProjectFacets({
  db,
  now = new Date(),
  ...visible
}: VisibleProjects & { db: Database }): Promise<ProjectFacets> {
  if (visible.teamIds.length === 0) return { all: 0, active: 0, attention: 0, idle: 0 };
  const [row] = rowsOf<{ all: number; active: number; attention: number }>(
    await db.execute(sql`
      select count(*)::int as all,
        count(*) filter (where ${statusCondition("active", now)})::int as active,
        count(*) filter (where ${statusCondition("attention", now)})::int as attention
      from projects p
      where ${visibleCondition(visible)}`),
  );
  const { all = 0, active = 0, attention = 0 } = row ?? {};
  return { all, active, attention, idle: all - active };
}

type RawSummary = {
  project: Omit<Project, "createdAt" | "updatedAt"> & { createdAt: string; updatedAt: string };
  teamName: string;
  pageCreatedAt: string;
  activeCount: number;
  attentionCount: number;
  activeRuns: SummaryRun[] | null;
  latestRun: SummaryRun | null;
  lastPullRequest: ProjectSummary["lastPullRequest"];
  lastValidation: ProjectSummary["lastValidation"];
  stats: { merged: number; ended: number; medianMergeSeconds: number | null; spendUsd: number };
};

function toSummary(raw: RawSummary): ProjectSummary {
  const { project, stats } = raw;
  return {
    project: { ...project, createdAt: new Date(project.createdAt), updatedAt: new Date(project.updatedAt) },
    teamName: raw.teamName,
    activeRuns: raw.activeRuns ?? [],
    activeRunCount: raw.activeCount,
    attentionCount: raw.attentionCount,
    latestRun: raw.latestRun,
    lastPullRequest: raw.lastPullRequest,
    lastValidation: raw.lastValidation,
    successRate: stats.ended > 0 ? stats.merged / stats.ended : null,
    endedRuns30d: stats.ended,
    medianMinutesToMerge: stats.medianMergeSeconds === null ? null : stats.medianMergeSeconds / 60,
    spendThisWeekUsd: Number(stats.spendUsd),
    pageCreatedAt: raw.pageCreatedAt,
  };
}
