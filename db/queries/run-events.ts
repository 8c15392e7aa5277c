import { and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Run, type RunEvent, type RunEventType, type RunState, runEvents, runs } from "@/db/schema";
import { storable } from "@/lib/platform/storable";

// A run's timeline (run_events, one seq per run) and the state changes that write it.

/** The run, locked for the rest of the transaction: transitions of one run happen one at a time. */
export async function lockRun({ db, runId }: { db: Database; runId: string }): Promise<Run | undefined> {
  const [run] = await db.select().from(runs).where(eq(runs.id, runId)).for("update");
  return run;
}

/** A locked run's new state, and its state.changed event at the next seq. */
export async function writeRunTransition({
  db,
  current,
  to,
  reason,
  data,
  at,
  isTerminal,
}: {
  db: Database;
  current: Run;
  to: RunState;
  reason: string | null;
  data: Record<string, unknown>;
  at: Date;
  isTerminal: boolean;
}): Promise<{ run: Run; event: RunEvent }> {
  const seq = current.lastSeq + 1;
  reason = reason === null ? null : storable(reason);
  data = storable(data);
  const [run] = await db
    .update(runs)
    .set({
      state: to,
      stateReason: reason,
      stateChangedAt: at,
      lastSeq: seq,
      startedAt: current.startedAt ?? (to === "planning" ? at : null),
      finishedAt: isTerminal ? at : null,
    })
    .where(eq(runs.id, current.id))
    .returning();
  const [event] = await db
    .insert(runEvents)
    .values({ runId: current.id, seq, type: "state.changed", fromState: current.state, toState: to, data })
    .returning();
  return { run: run!, event: event! };
}

/** Appends an event at the run's next seq; undefined when the run does not exist. */
export async function insertRunEvent({
  db,
  runId,
  type,
  data,
}: {
  db: Database;
  runId: string;
  type: RunEventType;
  data: Record<string, unknown>;
}): Promise<{ event: RunEvent; projectId: string } | undefined> {
  const [run] = await db
    .update(runs)
    .set({ lastSeq: sql`${runs.lastSeq} + 1` })
    .where(eq(runs.id, runId))
    .returning({ seq: runs.lastSeq, projectId: runs.projectId });
  if (!run) return undefined;
  const [event] = await db
    .insert(runEvents)
    .values({ runId, seq: run.seq, type, data: storable(data) })
    .returning();
  return { event: event!, projectId: run.projectId };
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

/** The newest event of `type` whose data contains `data` (jsonb containment), if any. */
export async function findRunEvent({
  db,
  runId,
  type,
  data,
}: {
  db: Database;
  runId: string;
  type: RunEventType;
  data?: Record<string, unknown>;
}): Promise<RunEvent | undefined> {
  const [event] = await db
    .select()
    .from(runEvents)
    .where(
      and(
        eq(runEvents.runId, runId),
        eq(runEvents.type, type),
        data ? sql`${runEvents.data} @> ${JSON.stringify(data)}::jsonb` : undefined,
      ),
    )
    .orderBy(desc(runEvents.seq))
    .limit(1);
  return event;
}

/** One event of a run's timeline by its seq, if it is of `type`. */
export async function getRunEventBySeq({
  db,
  runId,
  seq,
  type,
}: {
  db: Database;
  runId: string;
  seq: number;
  type: RunEventType;
}): Promise<RunEvent | undefined> {
  const [event] = await db
    .select()
    .from(runEvents)
    .where(and(eq(runEvents.runId, runId), eq(runEvents.seq, seq), eq(runEvents.type, type)))
    .limit(1);
  return event;
}

/** A run's events of the given types, oldest first. */
export async function getRunEventsOfTypes({
  db,
  runId,
  types,
}: {
  db: Database;
  runId: string;
  types: RunEventType[];
}): Promise<RunEvent[]> {
  return db
    .select()
    .from(runEvents)
    .where(and(eq(runEvents.runId, runId), inArray(runEvents.type, types)))
    .orderBy(asc(runEvents.seq));
}
