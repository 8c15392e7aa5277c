import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Run, type RunEvent, type RunState, runEvents, runs } from "@/db/schema";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { publish } from "@/lib/platform/realtime";
import { runMetrics } from "@/lib/runs/run-metrics";
import { realtimeEventTypeFor } from "@/lib/runs/realtime-event-type";
import { canTransition, isTerminal } from "@/lib/runs/state-machine";

const needsPerson = (state: RunState) => state === "awaiting_approval" || state === "needs_human" || state === "failed";

export type TransitionResult = { run: Run; event: RunEvent } | null;

/**
 * Moves a run to a new state and appends the run_events row in the same transaction,
 * then publishes it. Idempotent: a run already in `to` is left alone (a step retried
 * after a crash must not write a second event). An illegal move throws.
 */
export async function transitionRun({
  db,
  runId,
  to,
  reason,
  data = {},
  onCommitted,
}: {
  db: Database;
  runId: string;
  to: RunState;
  reason?: string;
  data?: Record<string, unknown>;
  /** Called right after the transaction commits, before publishing (bench/realtime.ts times from here). */
  onCommitted?: (run: Run) => void;
}): Promise<TransitionResult> {
  const result = await db.transaction(async (tx) => {
    const [current] = await tx.select().from(runs).where(eq(runs.id, runId)).for("update");
    if (!current) throw new AppError("not_found:run", `Run ${runId} does not exist`);
    if (current.state === to) return null;
    if (!canTransition(current.state, to)) {
      throw new AppError("conflict:run_state", `A run cannot go from ${current.state} to ${to}`);
    }
    const seq = current.lastSeq + 1;
    const now = new Date();
    const [run] = await tx
      .update(runs)
      .set({
        state: to,
        stateReason: reason ?? null,
        stateChangedAt: now,
        lastSeq: seq,
        startedAt: current.startedAt ?? (to === "planning" ? now : null),
        finishedAt: isTerminal(to) ? now : null,
      })
      .where(eq(runs.id, runId))
      .returning();
    const [event] = await tx
      .insert(runEvents)
      .values({
        runId,
        seq,
        type: "state.changed",
        fromState: current.state,
        toState: to,
        data: { ...data, ...(reason ? { reason } : {}) },
      })
      .returning();
    return { run: run!, event: event!, from: current };
  });
  if (!result) return null;
  const { run, event, from } = result;
  onCommitted?.(run);
  runMetrics.observeTransition(from, run);
  logger.info({ runId, from: from.state, to, reason }, "run state changed");
  await publish({
    type: realtimeEventTypeFor(from.state, to),
    projectId: run.projectId,
    runId,
    seq: event.seq,
    // `event` names the run_events type, as appendRunEvent's events do: clients apply a
    // "state.changed" straight from the payload.
    data: { ...data, event: "state.changed", state: to, from: from.state, reason: reason ?? null },
  });
  // The bell of everyone who can see the project: this run now needs a person.
  if (needsPerson(to)) {
    await publish({
      type: "notification.new",
      projectId: run.projectId,
      runId,
      seq: event.seq,
      data: { state: to, reason: reason ?? null },
    });
  }
  return { run, event };
}

/** Appends a run event that is not a state change (a plan version, a PR, usage...). */
export async function appendRunEvent({
  db,
  runId,
  type,
  data = {},
  realtimeType,
}: {
  db: Database;
  runId: string;
  type: string;
  data?: Record<string, unknown>;
  realtimeType?: Parameters<typeof publish>[0]["type"];
}): Promise<RunEvent> {
  const { event, projectId } = await db.transaction(async (tx) => {
    const [run] = await tx
      .update(runs)
      .set({ lastSeq: sql`${runs.lastSeq} + 1` })
      .where(eq(runs.id, runId))
      .returning({ seq: runs.lastSeq, projectId: runs.projectId });
    if (!run) throw new AppError("not_found:run", `Run ${runId} does not exist`);
    const [inserted] = await tx.insert(runEvents).values({ runId, seq: run.seq, type, data }).returning();
    return { event: inserted!, projectId: run.projectId };
  });
  await publish({
    type: realtimeType ?? "project.status.updated",
    projectId,
    runId,
    seq: event.seq,
    data: { event: type, ...data },
  });
  return event;
}
