import type { Database } from "@/db/client";
import { cancelUnfinishedValidations } from "@/db/queries/validations";
import { logger } from "@/lib/platform/logger";
import { removeRunWorkspace } from "@/lib/workspaces/remove-run-workspace";
import { withRunWorkspace } from "@/lib/workspaces/with-run-workspace";
import { loadRun } from "@/lib/runs/load-run";
import { isTerminal } from "@/lib/runs/state-machine";
import { abortRunEverywhere } from "@/lib/sandbox/run-aborts";
import { stopRunPreviews } from "@/lib/validation/preview/stop-run-previews";

const endedWords = { merged: "merged", failed: "failed", cancelled: "was cancelled", needs_human: "needs a person" };

/**
 * What a run leaves behind when it ends, however it ended (its own pipeline, a person's
 * cancel, a PR closed on GitHub): commands still running are stopped, previews stopped,
 * validations it was in the middle of marked cancelled, and its workspace removed (after
 * the step using it, if any, has let go). The branch and the PR stay.
 */
export async function cleanUpEndedRun({ db, runId }: { db: Database; runId: string }): Promise<{ cleaned: boolean }> {
  const { run } = await loadRun({ db, runId });
  if (!isTerminal(run.state)) return { cleaned: false };
  const why = `The run ${endedWords[run.state as keyof typeof endedWords] ?? "ended"}.`;
  await abortRunEverywhere(runId, why);
  await stopRunPreviews({ db, runId, reason: why });
  await cancelUnfinishedValidations({ db, runId });
  await withRunWorkspace(runId, async () => {
    try {
      // The workspace and the previews' copies, found on disk (no git host is asked).
      await removeRunWorkspace({ runId });
    } catch (error) {
      // The hourly sweep of ended runs' workspaces gets it later.
      logger.warn({ err: error, runId }, "could not remove an ended run's workspace");
    }
  });
  return { cleaned: true };
}
