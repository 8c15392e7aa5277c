import type { Database } from "@/db/client";
import type { RunState } from "@/db/schema";
import { getRunById } from "@/db/queries/runs";
import { AppError } from "@/lib/platform/errors";
import { isTerminal } from "@/lib/runs/state-machine";
import { transitionRun } from "@/lib/runs/transition-run";

/** queued -> planning; a run that already ended (cancelled before it began) is left alone. */
export async function startRun({
  db,
  runId,
}: {
  db: Database;
  runId: string;
}): Promise<{ ok: boolean; state: RunState; atValidation: boolean }> {
  const run = await getRunById({ db, id: runId });
  if (!run) throw new AppError("not_found:run", `Run ${runId} does not exist`);
  // A run made for an existing branch and PR (a finalized studio session) skips plan and code.
  const atValidation = run.source === "studio" && run.branch !== null;
  if (isTerminal(run.state)) return { ok: false, state: run.state, atValidation };
  if (run.state === "queued") await transitionRun({ db, runId, to: "planning" });
  return { ok: true, state: "planning", atValidation };
}
