import { and, asc, desc, eq, getTableColumns, gt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { PageKey } from "@/db/queries/page-key";
import { type NewRun, type Plan, type PlanContent, plans, type Run, type RunEvent, runEvents, runs } from "@/db/schema";

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

export async function getRunEvents({
  db,
  runId,
  after = 0,
  limit = 500,
}: {
  db: Database;
  runId: string;
  after?: number;
  limit?: number;
}): Promise<RunEvent[]> {
  return db
    .select()
    .from(runEvents)
    .where(and(eq(runEvents.runId, runId), gt(runEvents.seq, after)))
    .orderBy(asc(runEvents.seq))
    .limit(limit);
}

export async function getLatestPlan({ db, runId }: { db: Database; runId: string }): Promise<Plan | undefined> {
  const [plan] = await db.select().from(plans).where(eq(plans.runId, runId)).orderBy(desc(plans.version)).limit(1);
  return plan;
}

export async function getPlanVersion({
  db,
  runId,
  version,
}: {
  db: Database;
  runId: string;
  version: number;
}): Promise<Plan | undefined> {
  const [plan] = await db
    .select()
    .from(plans)
    .where(and(eq(plans.runId, runId), eq(plans.version, version)))
    .limit(1);
  return plan;
}

/** Adds the next version of a run's plan; versions are never overwritten. */
export async function insertPlanVersion({
  db,
  runId,
  status,
  content,
  authorId,
  reason,
}: {
  db: Database;
  runId: string;
  status: Plan["status"];
  content: PlanContent;
  authorId?: string | null;
  reason?: string | null;
}): Promise<Plan> {
  const latest = await getLatestPlan({ db, runId });
  const [plan] = await db
    .insert(plans)
    .values({
      runId,
      version: (latest?.version ?? 0) + 1,
      status,
      content,
      authorId: authorId ?? null,
      reason: reason ?? null,
    })
    .returning();
  return plan!;
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
