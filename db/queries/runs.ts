import { and, asc, desc, eq, getTableColumns, inArray, lt, notInArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { PageKey } from "@/db/queries/page-key";
import {
  issues,
  type NewRun,
  type Project,
  type ProjectSettings,
  projects,
  type PullRequest,
  pullRequests,
  type Run,
  type RunBudget,
  runs,
} from "@/db/schema";

export async function insertRun({ db, values }: { db: Database; values: NewRun }): Promise<Run> {
  const [run] = await db.insert(runs).values(values).returning();
  return run!;
}

export async function getRunById({ db, id }: { db: Database; id: string }): Promise<Run | undefined> {
  const [run] = await db.select().from(runs).where(eq(runs.id, id)).limit(1);
  return run;
}

export async function getRunsByProjectId({
  db,
  projectId,
  limit = 20,
}: {
  db: Database;
  projectId: string;
  limit?: number;
}): Promise<Run[]> {
  return db.select().from(runs).where(eq(runs.projectId, projectId)).orderBy(desc(runs.createdAt)).limit(limit);
}

export type LatestRun = Pick<Run, "id" | "projectId" | "goal" | "state" | "stateReason" | "createdAt" | "lastSeq">;

/** The newest run of each project, for the dashboard cards. */
export async function getLatestRunsByProjectIds({
  db,
  projectIds,
}: {
  db: Database;
  projectIds: string[];
}): Promise<Map<string, LatestRun>> {
  if (projectIds.length === 0) return new Map();
  // One index probe per project (runs_project_id_created_at_index) through a lateral
  // join: DISTINCT ON read every run of every project (0.7 s at 1,000 projects x 100 runs).
  const ids = sql`array[${sql.join(
    projectIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]`;
  const latest = db
    .select({
      id: runs.id,
      projectId: runs.projectId,
      goal: runs.goal,
      state: runs.state,
      stateReason: runs.stateReason,
      createdAt: runs.createdAt,
      // Live cards order server-rendered state against realtime events by it.
      lastSeq: runs.lastSeq,
    })
    .from(runs)
    .where(eq(runs.projectId, sql`wanted.project_id`))
    // NULLS LAST as in the index, or Postgres cannot read the newest run off it.
    .orderBy(sql`${runs.createdAt} desc nulls last`)
    .limit(1)
    .as("latest");
  const rows = await db
    .select({
      id: latest.id,
      projectId: latest.projectId,
      goal: latest.goal,
      state: latest.state,
      stateReason: latest.stateReason,
      createdAt: latest.createdAt,
      lastSeq: latest.lastSeq,
    })
    .from(sql`unnest(${ids}) as wanted(project_id)`)
    .innerJoinLateral(latest, sql`true`);
  return new Map(rows.map((run) => [run.projectId, run]));
}

/** A project's runs, newest first, after a keyset position. */
export async function getRunsPageByProjectId({
  db,
  projectId,
  after,
  limit,
}: {
  db: Database;
  projectId: string;
  after?: PageKey;
  limit: number;
}): Promise<(Run & { pageCreatedAt: string })[]> {
  const conditions = [eq(runs.projectId, projectId)];
  if (after)
    conditions.push(sql`(${runs.createdAt}, ${runs.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
  return db
    .select({ ...getTableColumns(runs), pageCreatedAt: sql<string>`${runs.createdAt}::text` })
    .from(runs)
    .where(and(...conditions))
    .orderBy(desc(runs.createdAt), desc(runs.id))
    .limit(limit);
}

const prepareRunContext = (db: Database) =>
  db
    .select({ run: runs, project: projects, pullRequest: pullRequests, issueNumber: issues.number })
    .from(runs)
    .innerJoin(projects, eq(projects.id, runs.projectId))
    .leftJoin(pullRequests, eq(pullRequests.runId, runs.id))
    .leftJoin(issues, eq(issues.id, runs.issueId))
    .where(eq(runs.id, sql.placeholder("runId")))
    .orderBy(desc(pullRequests.createdAt))
    .limit(1)
    .prepare("run_context");
// Built once per database (or transaction) handle: a run's steps and reports read it about
// 17 times, and building its 80 columns' statement cost as much as running it.
const runContextQueries = new WeakMap<Database, ReturnType<typeof prepareRunContext>>();
const runContextQuery = (db: Database) => {
  let query = runContextQueries.get(db);
  if (!query) runContextQueries.set(db, (query = prepareRunContext(db)));
  return query;
};

export type RunContextRow = {
  run: Run;
  project: Project;
  pullRequest: PullRequest | undefined;
  issueNumber: number | null;
};

/**
 * A run with its project, its pull request and its issue's number, in one statement: what
 * every pipeline step and report starts from. Undefined when the run (or its project) is gone.
 */
export async function getRunContext({
  db,
  runId,
}: {
  db: Database;
  runId: string;
}): Promise<RunContextRow | undefined> {
  const [row] = await runContextQuery(db).execute({ runId });
  if (!row) return undefined;
  return {
    run: row.run,
    project: row.project,
    pullRequest: row.pullRequest ?? undefined,
    issueNumber: row.issueNumber,
  };
}

/** Records that reporting mirrored the run up to `seq` (never moves back). */
export async function setRunReportedSeq({
  db,
  runId,
  seq,
}: {
  db: Database;
  runId: string;
  seq: number;
}): Promise<void> {
  await db
    .update(runs)
    .set({ reportedSeq: sql`greatest(${runs.reportedSeq}, ${seq})` })
    .where(eq(runs.id, runId));
}

/** Runs whose latest changes were not reported (a lost run/state.changed), changed more than `olderThan` ago. */
export async function getUnreportedRunIds({
  db,
  olderThan,
  limit = 100,
}: {
  db: Database;
  olderThan: Date;
  limit?: number;
}): Promise<string[]> {
  const rows = await db
    .select({ id: runs.id })
    .from(runs)
    .where(and(sql`${runs.reportedSeq} < ${runs.lastSeq}`, lt(runs.updatedAt, olderThan)))
    .orderBy(asc(runs.updatedAt))
    .limit(limit);
  return rows.map((row) => row.id);
}

/** Keeps the id of the run's status comment, unless another report changed it meanwhile (false then). */
export async function setRunStatusCommentId({
  db,
  runId,
  id,
  previous,
}: {
  db: Database;
  runId: string;
  id: string;
  previous: string | null;
}): Promise<boolean> {
  const updated = await db
    .update(runs)
    .set({ statusCommentId: id })
    .where(
      and(eq(runs.id, runId), previous ? eq(runs.statusCommentId, previous) : sql`${runs.statusCommentId} is null`),
    )
    .returning({ id: runs.id });
  return updated.length > 0;
}

/** The attempt a run is on, and its branch. */
export async function setRunAttempt({
  db,
  runId,
  attempt,
  branch,
}: {
  db: Database;
  runId: string;
  attempt: number;
  branch: string;
}): Promise<void> {
  await db.update(runs).set({ attempt, branch }).where(eq(runs.id, runId));
}

/** Runs of these projects that have not ended. */
export async function getActiveRunIdsOfProjects({
  db,
  projectIds,
}: {
  db: Database;
  projectIds: string[];
}): Promise<string[]> {
  if (projectIds.length === 0) return [];
  const rows = await db
    .select({ id: runs.id })
    .from(runs)
    .where(
      and(
        inArray(runs.projectId, projectIds),
        notInArray(runs.state, ["merged", "failed", "cancelled", "needs_human"]),
      ),
    );
  return rows.map((row) => row.id);
}

/** The run of an issue that has not ended, if any (a second trigger must not start another). */
export async function getActiveRunOfIssue({
  db,
  issueId,
}: {
  db: Database;
  issueId: string;
}): Promise<Run | undefined> {
  const [row] = await db
    .select()
    .from(runs)
    .where(and(eq(runs.issueId, issueId), notInArray(runs.state, ["merged", "failed", "cancelled", "needs_human"])))
    .orderBy(desc(runs.createdAt))
    .limit(1);
  return row;
}

/** What the repository's .mergeline.yml set for a run, and the budget it gives it. */
export async function setRunSettingsOverrides({
  db,
  runId,
  overrides,
  budget,
}: {
  db: Database;
  runId: string;
  overrides: Partial<ProjectSettings>;
  budget?: RunBudget;
}): Promise<void> {
  await db
    .update(runs)
    .set({ settingsOverrides: overrides, ...(budget ? { budget } : {}), updatedAt: new Date() })
    .where(eq(runs.id, runId));
}
