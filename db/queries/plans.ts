import { and, asc, desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Plan, type PlanContent, plans, users } from "@/db/schema";
import { storable } from "@/lib/platform/storable";

/** One version of a run's plan without its content, with the name of the person who wrote it. */
export type PlanVersionEntry = Pick<Plan, "version" | "status" | "authorId" | "reason" | "createdAt"> & {
  /** The author's name or email; null for versions Mergeline wrote (proposals, automatic approvals, API keys). */
  authorLabel: string | null;
};

/** A run's plan versions, oldest first: who proposed, edited and decided it. */
export async function getPlanHistory({ db, runId }: { db: Database; runId: string }): Promise<PlanVersionEntry[]> {
  const rows = await db
    .select({
      version: plans.version,
      status: plans.status,
      authorId: plans.authorId,
      reason: plans.reason,
      createdAt: plans.createdAt,
      name: users.name,
      email: users.email,
    })
    .from(plans)
    .leftJoin(users, eq(users.id, plans.authorId))
    .where(eq(plans.runId, runId))
    .orderBy(asc(plans.version));
  return rows.map(({ name, email, ...entry }) => ({ ...entry, authorLabel: name ?? email ?? null }));
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
      content: storable(content),
      authorId: authorId ?? null,
      reason: reason ? storable(reason) : null,
    })
    .returning();
  return plan!;
}
