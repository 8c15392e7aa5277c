import type { Database } from "@/db/client";
import { insertRunEvent, lockRun, writeRunTransition } from "@/db/queries/run-events";
import type { Run, RunEvent, RunEventType, RunState } from "@/db/schema";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { publish } from "@/lib/platform/realtime";
import { announceStateChange } from "@/lib/runs/announce-state-change";
import { runMetrics } from "@/lib/runs/run-metrics";
import { realtimeEventTypeFor } from "@/lib/runs/realtime-event-type";
import { canTransition, isTerminal } from "@/lib/runs/state-machine";

const needsPerson = (state: RunState) => state === "awaiting_approval" || state === "needs_human" || state === "failed";

export type TransitionResult = { run: Run; event: RunEvent } | null;

/**
 * Moves a run to a new state and appends the run_events row in the same transaction,
 * then announces it (`run/state.changed`: reporting listens) and publishes it live. Idempotent: a run already in `to` is left alone (a step retried
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
    const current = await lockRun({ db: tx, runId });
    if (!current) throw new AppError("not_found:run", `Run ${runId} does not exist`);
    if (current.state === to) return null;
    if (!canTransition(current.state, to)) {
      throw new AppError("conflict:run_state", `A run cannot go from ${current.state} to ${to}`);
    }
    const written = await writeRunTransition({
      db: tx,
      current,
      to,
      reason: reason ?? null,
      data: { ...data, ...(reason ? { reason } : {}) },
      at: new Date(),
      isTerminal: isTerminal(to),
    });
    return { ...written, from: current };
  });
  if (!result) return null;
  const { run, event, from } = result;
  onCommitted?.(run);
  runMetrics.observeTransition(from, run);
  logger.info({ runId, from: from.state, to, reason }, "run state changed");
  await announceStateChange({ runId, projectId: run.projectId, seq: event.seq, from: from.state, to });
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
  type: Exclude<RunEventType, "state.changed">;
  data?: Record<string, unknown>;
  realtimeType?: Parameters<typeof publish>[0]["type"];
}): Promise<RunEvent> {
  const appended = await insertRunEvent({ db, runId, type, data });
  if (!appended) throw new AppError("not_found:run", `Run ${runId} does not exist`);
  const { event, projectId } = appended;
  await publish({
    type: realtimeType ?? "project.status.updated",
    projectId,
    runId,
    seq: event.seq,
    data: { event: type, ...data },
  });
  return event;
}
