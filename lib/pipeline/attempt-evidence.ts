import type { Database } from "@/db/client";
import { getValidation, getValidationsByRunId } from "@/db/queries/validations";
import type { FailureEvidence } from "@/lib/agents/prompts";

/**
 * The failed validation of attempt `attempt` of run `runId`, as evidence for the next
 * attempt (of this run, or of the run that retries it): the failing command, or else what
 * the summary says failed (the preview, a browser or acceptance check, the review's findings).
 */
export async function attemptEvidence(
  db: Database,
  runId: string,
  attempt: number | "last",
): Promise<FailureEvidence | null> {
  const previous =
    attempt === "last"
      ? (await getValidationsByRunId({ db, runId })).at(-1)
      : attempt >= 1
        ? await getValidation({ db, runId, attempt })
        : undefined;
  if (previous?.status !== "failed") return null;
  const failed = [...previous.setup, ...previous.tests].find((command) => command.exitCode !== 0);
  if (failed) return { ...failed, summary: previous.summary ?? undefined };
  // Every command passed, so the preview, a browser check, an acceptance check or the review
  // failed: the summary (validate-attempt.ts, record-validation.ts) holds that evidence.
  const what = previous.summary?.includes("Review: merge blocked")
    ? "the review of the pull request"
    : previous.browserChecks.length > 0
      ? "the browser checks of the preview"
      : "the preview and acceptance checks";
  return { command: what, exitCode: 1, output: "", summary: previous.summary ?? undefined };
}
