import { getDb } from "@/db";
import type { PipelineStep } from "@/lib/pipeline/pipeline-step";
import { withRunWorkspace } from "@/lib/workspaces/with-run-workspace";
import { validateAcceptance } from "@/lib/pipeline/validate/validate-acceptance";
import { validateCommands } from "@/lib/pipeline/validate/validate-commands";
import { validatePlaywright } from "@/lib/pipeline/validate/validate-playwright";
import { validatePreview } from "@/lib/pipeline/validate/validate-preview";
import { validateReview } from "@/lib/pipeline/validate/validate-review";
import { type AttemptValidation, recordValidation } from "@/lib/pipeline/validate/record-validation";

export type { AttemptValidation } from "@/lib/pipeline/validate/record-validation";

/**
 * Validates what attempt `attempt` pushed, as steps that each do one thing and are
 * retried on their own: the commands (setup through the setup cache, then tests); with a
 * preview command, the preview and its browser checks, then the project's own Playwright
 * suite; with acceptance checks in the plan, their verdicts; the review of the PR's head
 * (what the merge policy refuses fails the attempt); then the record. Steps that
 * use the workspace hold the run's workspace lock (with-run-workspace.ts).
 */
export async function validateAttempt(
  step: PipelineStep,
  { runId, attempt }: { runId: string; attempt: number },
): Promise<AttemptValidation> {
  const db = () => getDb();
  const locked = <T>(work: () => Promise<T>) => withRunWorkspace(runId, work);
  const commands = await step.run(`validate-commands-${attempt}`, () =>
    locked(() => validateCommands({ db: db(), runId, attempt })),
  );
  let status: AttemptValidation["status"] = commands.status;
  const shape = commands.next;

  let previewId: string | undefined;
  let previewLogTail: string | undefined;
  if (status !== "cancelled" && commands.setupPassed && shape.preview) {
    const preview = await step.run(`validate-preview-${attempt}`, () =>
      locked(() => validatePreview({ db: db(), runId, attempt, headSha: commands.headSha })),
    );
    previewId = preview.previewId;
    previewLogTail = preview.logTail;
    if (preview.status !== "passed") status = preview.status === "cancelled" ? "cancelled" : "failed";
    if (preview.status !== "cancelled") {
      const suite = await step.run(`validate-playwright-${attempt}`, () =>
        validatePlaywright({ db: db(), runId, attempt }),
      );
      if (suite.status === "cancelled") status = "cancelled";
      else if (suite.status === "failed" && status === "passed") status = "failed";
    }
  }

  if (status !== "cancelled" && shape.acceptance) {
    const statusSoFar = status;
    const acceptance = await step.run(`validate-acceptance-${attempt}`, () =>
      validateAcceptance({ db: db(), runId, attempt, statusSoFar, previewId, previewLogTail }),
    );
    if (acceptance.status === "cancelled") status = "cancelled";
    else if (acceptance.status === "unmet" && shape.requireAcceptance && status === "passed") status = "failed";
  }

  if (status !== "cancelled") {
    const review = await step.run(`validate-review-${attempt}`, () => validateReview({ db: db(), runId, attempt }));
    if (review.status === "blocked" && status === "passed") status = "failed";
  }

  const final = status;
  return step.run(`record-validation-${attempt}`, () =>
    recordValidation({ db: db(), runId, attempt, status: final, previewId, previewLogTail }),
  );
}
