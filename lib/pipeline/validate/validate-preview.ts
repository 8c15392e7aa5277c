import type { Database } from "@/db/client";
import { getValidation, upsertValidation } from "@/db/queries/validations";
import { appendRunEvent } from "@/lib/runs/transition-run";
import { checkPreview } from "@/lib/validation/preview/check-preview";
import { loadValidationInputs } from "@/lib/pipeline/validate/validation-inputs";
import { validatedWorkspace } from "@/lib/pipeline/validate/validated-workspace";

export type PreviewOutcome = {
  status: "passed" | "failed" | "cancelled";
  previewId: string;
  /** The end of the preview's output when it failed (for the summary), else empty. */
  logTail: string;
};

const LOG_TAIL_LINES = 80;

/**
 * Validation, step 2 (projects with a preview command): the attempt's preview deployment,
 * then a browser check of every page the project lists and every page an acceptance check
 * names. The preview stays up for reviewers and for the Playwright step.
 */
export async function validatePreview({
  db,
  runId,
  attempt,
  headSha,
}: {
  db: Database;
  runId: string;
  attempt: number;
  headSha: string;
}): Promise<PreviewOutcome> {
  const inputs = await loadValidationInputs({ db, runId });
  const { project, pullRequest, sandbox, secretEnv, redact, signal, acceptanceChecks } = inputs;
  const { settings } = project;
  const workspace = await validatedWorkspace(inputs, headSha);
  const pages = [
    ...new Set([...settings.previewPages, ...acceptanceChecks.flatMap((check) => (check.page ? [check.page] : []))]),
  ];
  const checked = await checkPreview({
    db,
    sandbox,
    runId,
    attempt,
    headSha,
    pullRequestId: pullRequest?.id ?? null,
    workspacePath: workspace.path,
    command: settings.previewCommand!,
    pages: pages.length > 0 ? pages : ["/"],
    env: secretEnv,
    redact,
    signal,
  });
  const row = await getValidation({ db, runId, attempt });
  await upsertValidation({
    db,
    runId,
    attempt,
    values: { browserChecks: checked.browserChecks, artifacts: [...(row?.artifacts ?? []), ...checked.artifacts] },
  });
  const { preview } = checked;
  await appendRunEvent({
    db,
    runId,
    type: "preview.updated",
    data: {
      attempt,
      previewId: preview.id,
      status: preview.status,
      url: preview.url,
      restarts: preview.restarts,
      lastError: preview.lastError,
    },
  });
  return {
    status: checked.status,
    previewId: preview.id,
    logTail:
      checked.status === "failed" ? checked.previewLog.trimEnd().split("\n").slice(-LOG_TAIL_LINES).join("\n") : "",
  };
}
