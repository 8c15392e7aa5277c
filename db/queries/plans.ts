import { asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Plan, plans, users } from "@/db/schema";

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
