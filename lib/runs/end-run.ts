import type { Database } from "@/db/client";
import type { RunState } from "@/db/schema";
import { getRunById } from "@/db/queries/runs";
import { isTerminal } from "@/lib/runs/state-machine";
import { transitionRun } from "@/lib/runs/transition-run";

/** Ends a run (failed, cancelled, needs_human) unless it has already ended. */
export async function endRun({
  db,
  runId,
  to,
  reason,
}: {
  db: Database;
  runId: string;
  to: Extract<RunState, "failed" | "cancelled" | "needs_human">;
  reason: string;
}): Promise<{ ended: boolean }> {
  const run = await getRunById({ db, id: runId });
  if (!run || isTerminal(run.state)) return { ended: false };
  // Null when a concurrent caller ended it first (the transition is idempotent).
  const ended = await transitionRun({ db, runId, to, reason });
  return { ended: ended !== null };
}
