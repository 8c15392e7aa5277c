import type { Database } from "@/db/client";
import { getValidation, upsertValidation } from "@/db/queries/validations";
import { checkPreviewPlaywright } from "@/lib/validation/preview/check-preview-playwright";
import { loadValidationInputs } from "@/lib/pipeline/validate/validation-inputs";

export type PlaywrightOutcome = { status: "passed" | "failed" | "cancelled" | "none" };

/**
 * Validation, step 3 (projects with a preview and a playwright.config.*): the project's own
 * Playwright suite against the attempt's preview. Its result joins the attempt's tests.
 */
export async function validatePlaywright({
  db,
  runId,
  attempt,
}: {
  db: Database;
  runId: string;
  attempt: number;
}): Promise<PlaywrightOutcome> {
  const { project, sandbox, secretEnv, redact, signal } = await loadValidationInputs({ db, runId });
  const { result, artifacts } = await checkPreviewPlaywright({
    db,
    sandbox,
    runId,
    attempt,
    command: project.settings.previewCommand!,
    env: secretEnv,
    redact,
    signal,
  });
  if (!result) return { status: "none" };
  const row = await getValidation({ db, runId, attempt });
  // A retried step replaces its own result instead of adding a second one.
  const tests = (row?.tests ?? []).filter((test) => test.command !== result.command);
  await upsertValidation({
    db,
    runId,
    attempt,
    values: { tests: [...tests, result], artifacts: [...(row?.artifacts ?? []), ...artifacts] },
  });
  if (signal.aborted) return { status: "cancelled" };
  return { status: result.exitCode === 0 ? "passed" : "failed" };
}
