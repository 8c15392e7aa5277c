import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type CheckRun, checkRuns } from "@/db/schema";

export type CheckRunValues = Omit<typeof checkRuns.$inferInsert, "id" | "createdAt" | "updatedAt">;

/** One check run per (project, sha, name), like GitHub's: publishing again updates it. */
export async function upsertCheckRun({ db, values }: { db: Database; values: CheckRunValues }): Promise<CheckRun> {
  const row = {
    ...values,
    conclusion: values.conclusion ?? null,
    text: values.text ?? null,
    detailsUrl: values.detailsUrl ?? null,
    annotations: values.annotations ?? [],
  };
  const [saved] = await db
    .insert(checkRuns)
    .values(row)
    .onConflictDoUpdate({
      target: [checkRuns.projectId, checkRuns.sha, checkRuns.name],
      set: {
        status: row.status,
        conclusion: row.conclusion,
        title: row.title,
        summary: row.summary,
        text: row.text,
        annotations: row.annotations,
        detailsUrl: row.detailsUrl,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  return saved!;
}

export async function getCheckRunsBySha({
  db,
  projectId,
  sha,
}: {
  db: Database;
  projectId: string;
  sha: string;
}): Promise<CheckRun[]> {
  return db
    .select()
    .from(checkRuns)
    .where(and(eq(checkRuns.projectId, projectId), eq(checkRuns.sha, sha)))
    .orderBy(asc(checkRuns.name));
}
