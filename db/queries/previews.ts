import { and, asc, eq, inArray, isNotNull, lt, ne, notInArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Preview, previews, runs } from "@/db/schema";

type PreviewValues = Partial<Omit<typeof previews.$inferInsert, "id" | "runId">>;

// Statuses of a preview whose process may be alive and whose port is taken.
export const LIVE_PREVIEW_STATUSES = ["starting", "ready", "crashed"] as const;

export async function insertPreview({
  db,
  runId,
  values,
}: {
  db: Database;
  runId: string;
  values: PreviewValues;
}): Promise<Preview> {
  const [row] = await db
    .insert(previews)
    .values({ runId, ...values })
    .returning();
  return row!;
}

export async function updatePreview({
  db,
  id,
  values,
}: {
  db: Database;
  id: string;
  values: PreviewValues;
}): Promise<Preview | undefined> {
  const [row] = await db.update(previews).set(values).where(eq(previews.id, id)).returning();
  return row;
}

export async function getPreviewById({ db, id }: { db: Database; id: string }): Promise<Preview | undefined> {
  const [row] = await db.select().from(previews).where(eq(previews.id, id)).limit(1);
  return row;
}

export async function getPreviewsByRunId({ db, runId }: { db: Database; runId: string }): Promise<Preview[]> {
  return db.select().from(previews).where(eq(previews.runId, runId)).orderBy(asc(previews.startedAt));
}

/** Ports held by live previews (any process), so a new preview never gets one of them. */
export async function getLivePreviewPorts({ db }: { db: Database }): Promise<number[]> {
  const rows = await db
    .select({ port: previews.port })
    .from(previews)
    .where(and(inArray(previews.status, [...LIVE_PREVIEW_STATUSES]), isNotNull(previews.port)));
  return rows.map((row) => row.port!);
}

/** Marks a run's live previews stopped (all, or all but one); the owning process kills them. */
export async function markRunPreviewsStopped({
  db,
  runId,
  reason,
  exceptId,
}: {
  db: Database;
  runId: string;
  reason: string;
  exceptId?: string;
}): Promise<Preview[]> {
  return db
    .update(previews)
    .set({ status: "stopped", stoppedAt: new Date(), lastError: reason })
    .where(
      and(
        eq(previews.runId, runId),
        inArray(previews.status, [...LIVE_PREVIEW_STATUSES]),
        exceptId ? ne(previews.id, exceptId) : undefined,
      ),
    )
    .returning();
}

/** Live previews of runs that have ended, and the others not used since `idleBefore`. */
export async function getPreviewsToReap({
  db,
  idleBefore,
}: {
  db: Database;
  idleBefore: Date;
}): Promise<{ ended: Preview[]; idle: Preview[] }> {
  const endedRuns = db
    .select({ id: runs.id })
    .from(runs)
    .where(inArray(runs.state, ["merged", "failed", "cancelled", "needs_human"]));
  const live = inArray(previews.status, [...LIVE_PREVIEW_STATUSES]);
  const [ended, idle] = await Promise.all([
    db
      .select()
      .from(previews)
      .where(and(live, inArray(previews.runId, endedRuns))),
    db
      .select()
      .from(previews)
      .where(and(live, notInArray(previews.runId, endedRuns), lt(previews.updatedAt, idleBefore))),
  ]);
  return { ended, idle };
}
