import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Validation, validations } from "@/db/schema";
import { storable } from "@/lib/platform/storable";

type ValidationValues = Partial<Omit<typeof validations.$inferInsert, "id" | "runId" | "projectId" | "attempt">>;

/** Creates or updates the validation of one attempt: a retried step rewrites its own row. */
export async function upsertValidation({
  db,
  runId,
  attempt,
  values,
}: {
  db: Database;
  runId: string;
  attempt: number;
  values: ValidationValues;
}): Promise<Validation> {
  values = storable(values);
  const [row] = await db
    .insert(validations)
    .values({ runId, projectId: sql`(select project_id from runs where id = ${runId})`, attempt, ...values })
    .onConflictDoUpdate({ target: [validations.runId, validations.attempt], set: values })
    .returning();
  return row!;
}

export async function getValidationsByRunId({ db, runId }: { db: Database; runId: string }): Promise<Validation[]> {
  return db.select().from(validations).where(eq(validations.runId, runId)).orderBy(asc(validations.attempt));
}

export async function getValidation({
  db,
  runId,
  attempt,
}: {
  db: Database;
  runId: string;
  attempt: number;
}): Promise<Validation | undefined> {
  const [row] = await db
    .select()
    .from(validations)
    .where(and(eq(validations.runId, runId), eq(validations.attempt, attempt)))
    .orderBy(desc(validations.createdAt))
    .limit(1);
  return row;
}

export async function getValidationById({ db, id }: { db: Database; id: string }): Promise<Validation | undefined> {
  const [row] = await db.select().from(validations).where(eq(validations.id, id)).limit(1);
  return row;
}

/** Marks an attempt's result as reported to the git host. */
export async function markValidationReported({ db, id }: { db: Database; id: string }): Promise<void> {
  await db.update(validations).set({ reportedAt: new Date() }).where(eq(validations.id, id));
}

/** Ends the run's validations that never finished (the run ended under them) as cancelled. */
export async function cancelUnfinishedValidations({ db, runId }: { db: Database; runId: string }): Promise<number> {
  const rows = await db
    .update(validations)
    .set({ status: "cancelled", finishedAt: new Date() })
    .where(and(eq(validations.runId, runId), inArray(validations.status, ["pending", "running"])))
    .returning({ id: validations.id });
  return rows.length;
}
