import type { Database } from "@/db/client";
import { getRunById } from "@/db/queries/runs";
import { AppError } from "@/lib/platform/errors";
import { type BudgetVerdict, checkBudget } from "@/lib/runs/budget";
import { endRun } from "@/lib/runs/end-run";

/** Before each attempt: a spent budget ends the run in needs_human, with nothing merged. */
export async function checkRunBudget({
  db,
  runId,
  attempt,
}: {
  db: Database;
  runId: string;
  attempt: number;
}): Promise<BudgetVerdict> {
  const run = await getRunById({ db, id: runId });
  if (!run) throw new AppError("not_found:run", `Run ${runId} does not exist`);
  const verdict = checkBudget(run, attempt);
  if (verdict.spent) await endRun({ db, runId, to: "needs_human", reason: verdict.reason });
  return verdict;
}
