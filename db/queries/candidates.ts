import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type RunCandidate, runCandidates } from "@/db/schema";

type CandidateValues = Partial<Omit<typeof runCandidates.$inferInsert, "id" | "runId" | "index">>;

/** Creates or updates one candidate of a run: a retried step rewrites its own row. */
export async function upsertRunCandidate({
  db,
  runId,
  index,
  values,
}: {
  db: Database;
  runId: string;
  index: number;
  values: CandidateValues & Pick<typeof runCandidates.$inferInsert, "agent" | "branch">;
}): Promise<RunCandidate> {
  const [row] = await db
    .insert(runCandidates)
    .values({ runId, index, ...values })
    .onConflictDoUpdate({
      target: [runCandidates.runId, runCandidates.index],
      set: { ...values, updatedAt: sql`now()` },
    })
    .returning();
  return row!;
}

export async function getRunCandidates({ db, runId }: { db: Database; runId: string }): Promise<RunCandidate[]> {
  return db.select().from(runCandidates).where(eq(runCandidates.runId, runId)).orderBy(asc(runCandidates.index));
}

/** Marks one candidate chosen and the others not, in one statement. */
export async function chooseRunCandidate({ db, runId, index }: { db: Database; runId: string; index: number }) {
  await db
    .update(runCandidates)
    .set({ chosen: sql`${runCandidates.index} = ${index}`, updatedAt: sql`now()` })
    .where(eq(runCandidates.runId, runId));
  const [chosen] = await db
    .select()
    .from(runCandidates)
    .where(and(eq(runCandidates.runId, runId), eq(runCandidates.index, index)));
  return chosen;
}
