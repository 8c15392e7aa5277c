import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Issue, issues } from "@/db/schema";

export async function getIssueByNumber({
  db,
  projectId,
  number,
}: {
  db: Database;
  projectId: string;
  number: number;
}): Promise<Issue | undefined> {
  const [row] = await db
    .select()
    .from(issues)
    .where(and(eq(issues.projectId, projectId), eq(issues.number, number)));
  return row;
}

/**
 * Adds and removes labels of a stored issue in one statement (row lock), so two writers
 * cannot lose each other's labels. Undefined when the project has no such issue.
 */
export async function changeIssueLabels({
  db,
  projectId,
  number,
  add,
  remove,
}: {
  db: Database;
  projectId: string;
  number: number;
  add: string[];
  remove: string[];
}): Promise<Issue | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(issues)
      .where(and(eq(issues.projectId, projectId), eq(issues.number, number)))
      .for("update");
    if (!row) return undefined;
    const removed = new Set(remove);
    const labels = row.labels.filter((label) => !removed.has(label));
    for (const label of add) if (!labels.includes(label)) labels.push(label);
    const [saved] = await tx
      .update(issues)
      .set({ labels, updatedAt: sql`now()` })
      .where(eq(issues.id, row.id))
      .returning();
    return saved;
  });
}
