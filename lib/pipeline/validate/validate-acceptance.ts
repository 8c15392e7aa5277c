import type { Database } from "@/db/client";
import { getValidation, upsertValidation } from "@/db/queries/validations";
import { AppError } from "@/lib/platform/errors";
import { evaluateAcceptance } from "@/lib/validation/acceptance/evaluate-acceptance";
import { loadValidationInputs } from "@/lib/pipeline/validate/validation-inputs";
import { validationReport } from "@/lib/pipeline/validate/validation-report";

export type AcceptanceOutcome = { status: "met" | "unmet" | "cancelled" };

/**
 * Validation, step 4 (plans with acceptance checks): each check of the approved plan,
 * decided by the test it names, the page it names, or the judge model on the evidence
 * recorded by the steps before.
 */
export async function validateAcceptance({
  db,
  runId,
  attempt,
  statusSoFar,
  previewId,
  previewLogTail,
}: {
  db: Database;
  runId: string;
  attempt: number;
  statusSoFar: "passed" | "failed";
  previewId?: string;
  previewLogTail?: string;
}): Promise<AcceptanceOutcome> {
  const { run, project, signal, acceptanceChecks } = await loadValidationInputs({ db, runId });
  const row = await getValidation({ db, runId, attempt });
  if (!row) throw new AppError("not_found:validation", `Attempt ${attempt} of run ${runId} has no validation`);
  const evidence = await validationReport({ db, validation: row, status: statusSoFar, previewId, previewLogTail });
  const acceptance = await evaluateAcceptance({
    db,
    runId,
    attempt,
    project,
    goal: run.goal,
    checks: acceptanceChecks,
    tests: row.tests,
    browserChecks: row.browserChecks,
    evidence,
    signal,
  });
  await upsertValidation({ db, runId, attempt, values: { acceptance } });
  if (signal.aborted) return { status: "cancelled" };
  return { status: acceptance.every((result) => result.passed) ? "met" : "unmet" };
}
