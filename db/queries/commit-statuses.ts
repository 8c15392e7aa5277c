import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type CommitStatus, commitStatuses } from "@/db/schema";

export type CommitStatusInput = {
  projectId: string;
  sha: string;
  context: string;
  state: CommitStatus["state"];
  description?: string | null;
  targetUrl?: string | null;
};

/** One status per (project, sha, context), like GitHub's: a newer report replaces the older one. */
export async function upsertCommitStatus({
  db,
  values,
}: {
  db: Database;
  values: CommitStatusInput;
}): Promise<CommitStatus> {
  const row = { ...values, description: values.description ?? null, targetUrl: values.targetUrl ?? null };
  const [saved] = await db
    .insert(commitStatuses)
    .values(row)
    .onConflictDoUpdate({
      target: [commitStatuses.projectId, commitStatuses.sha, commitStatuses.context],
      set: { state: row.state, description: row.description, targetUrl: row.targetUrl, updatedAt: sql`now()` },
    })
    .returning();
  return saved!;
}

export async function getCommitStatusesBySha({
  db,
  projectId,
  sha,
}: {
  db: Database;
  projectId: string;
  sha: string;
}): Promise<CommitStatus[]> {
  return db
    .select()
    .from(commitStatuses)
    .where(and(eq(commitStatuses.projectId, projectId), eq(commitStatuses.sha, sha)))
    .orderBy(asc(commitStatuses.context));
}
