import { and, eq, gt, isNotNull, notInArray, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Run, runs } from "@/db/schema";

// What reconciliation (lib/runs/reconcile-runs.ts) reads and writes on a run: the
// `run/requested` event behind its pipeline, and how often it was sent again.

const ENDED = ["merged", "failed", "cancelled", "needs_human"] as const;

/** Records the `run/requested` event (Inngest's id for it) that starts or resumes the run's pipeline. */
export async function setRunPipelineEvent({
  db,
  runId,
  eventId,
  at = new Date(),
}: {
  db: Database;
  runId: string;
  eventId: string;
  /** When the event was sent (now, unless it was looked up afterwards). */
  at?: Date;
}): Promise<void> {
  await db.update(runs).set({ pipelineEventId: eventId, pipelineEventAt: at }).where(eq(runs.id, runId));
}

/**
 * Runs not ended that have neither changed state nor had their pipeline event sent since
 * `quietSince` (a pipeline at work moves its run along), and, when their event is not
 * recorded (runs made before it was), created after `recordedSince`.
 */
export async function getQuietLiveRuns({
  db,
  quietSince,
  recordedSince,
  limit = 200,
}: {
  db: Database;
  quietSince: Date;
  recordedSince: Date;
  limit?: number;
}): Promise<Run[]> {
  return db
    .select()
    .from(runs)
    .where(
      and(
        notInArray(runs.state, [...ENDED]),
        or(isNotNull(runs.pipelineEventId), gt(runs.createdAt, recordedSince)),
        sql`greatest(${runs.stateChangedAt}, ${runs.pipelineEventAt}, ${runs.createdAt}) < ${quietSince.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(runs.createdAt)
    .limit(limit);
}

/**
 * Takes the right to resume a run: true for exactly one caller among reconciliations
 * racing on it (at start and on the cron), which the event id and resume count identify.
 */
export async function claimRunResume({
  db,
  runId,
  eventId,
  resumes,
}: {
  db: Database;
  runId: string;
  eventId: string;
  resumes: number;
}): Promise<boolean> {
  const claimed = await db
    .update(runs)
    .set({ pipelineResumes: resumes + 1, pipelineEventAt: new Date() })
    .where(and(eq(runs.id, runId), eq(runs.pipelineEventId, eventId), eq(runs.pipelineResumes, resumes)))
    .returning({ id: runs.id });
  return claimed.length > 0;
}
