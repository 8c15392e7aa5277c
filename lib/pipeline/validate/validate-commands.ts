import type { Database } from "@/db/client";
import { upsertValidation } from "@/db/queries/validations";
import type { CommandResult } from "@/db/schema";
import { getGitProvider } from "@/lib/git-provider";
import { branchOfRun } from "@/lib/runs/load-run";
import { transitionRun } from "@/lib/runs/transition-run";
import { saveArtifact } from "@/lib/validation/artifacts/save-artifact";
import { stopRunPreviews } from "@/lib/validation/preview/stop-run-previews";
import { runValidation } from "@/lib/validation/run-validation";
import { loadValidationInputs } from "@/lib/pipeline/validate/validation-inputs";

export type CommandsOutcome = {
  status: "passed" | "failed" | "cancelled";
  headSha: string;
  setupPassed: boolean;
  /** Which steps follow: the project has a preview command; the plan has acceptance checks (and must meet them). */
  next: { preview: boolean; acceptance: boolean; requireAcceptance: boolean };
};

const validationLog = (results: CommandResult[]) =>
  results
    .map(
      (result) =>
        `$ ${result.command}\n${result.output}${result.output.endsWith("\n") ? "" : "\n"}[exit code ${result.exitCode}]\n`,
    )
    .join("\n");

/**
 * Validation, step 1: the project's setup (restored from the setup cache when nothing it
 * depends on changed) and test commands, in the sandbox, in a fresh workspace at the head
 * the attempt pushed. Starts the attempt's validation row over, so a retried step leaves
 * no trace of the try before; the previous attempt's preview goes.
 */
export async function validateCommands({
  db,
  runId,
  attempt,
}: {
  db: Database;
  runId: string;
  attempt: number;
}): Promise<CommandsOutcome> {
  const inputs = await loadValidationInputs({ db, runId });
  const { run, project, sandbox, secretEnv, redact, signal, acceptanceChecks } = inputs;
  const workspace = await getGitProvider(project).prepareWorkspace({
    project,
    runId,
    branch: branchOfRun(run),
    baseBranch: run.baseBranch,
  });
  // The row (with its head) exists before the run enters validating: the report of that
  // state change finds the head to put a pending status on.
  await upsertValidation({
    db,
    runId,
    attempt,
    values: {
      status: "running",
      headSha: workspace.headSha,
      startedAt: new Date(),
      finishedAt: null,
      setup: [],
      setupCacheHit: null,
      tests: [],
      browserChecks: [],
      acceptance: [],
      artifacts: [],
      summary: null,
      reportedAt: null,
    },
  });
  await transitionRun({ db, runId, to: "validating", data: { attempt } });
  await stopRunPreviews({ db, runId, reason: `Replaced by the validation of attempt ${attempt}.` });

  const outcome = await runValidation({
    sandbox,
    workspacePath: workspace.path,
    settings: project.settings,
    env: secretEnv,
    redact,
    signal,
  });
  const ran = [...outcome.setup, ...outcome.tests];
  const artifacts =
    ran.length > 0
      ? [await saveArtifact({ runId, attempt, name: "validation.log", kind: "log", data: validationLog(ran) })]
      : [];
  await upsertValidation({
    db,
    runId,
    attempt,
    values: { setup: outcome.setup, setupCacheHit: outcome.setupCacheHit, tests: outcome.tests, artifacts },
  });
  return {
    status: outcome.status,
    headSha: workspace.headSha,
    setupPassed: outcome.setup.every((result) => result.exitCode === 0),
    next: {
      preview: Boolean(project.settings.previewCommand),
      acceptance: acceptanceChecks.length > 0,
      requireAcceptance: project.settings.requireAcceptance ?? false,
    },
  };
}
