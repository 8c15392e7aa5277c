import type { Database } from "@/db/client";
import { getLatestPlan } from "@/db/queries/runs";
import { upsertValidation } from "@/db/queries/validations";
import type { AcceptanceResult, BrowserCheck, Preview } from "@/db/schema";
import { evaluateAcceptance } from "@/lib/validation/acceptance/evaluate-acceptance";
import { saveArtifact, type ValidationArtifact } from "@/lib/validation/artifacts/save-artifact";
import { env } from "@/lib/platform/env";
import { getGitProvider } from "@/lib/git-provider";
import { loadRun, runBranch } from "@/lib/runs/load-run";
import { withRunWorkspace } from "@/lib/pipeline/with-run-workspace";
import { checkPreview } from "@/lib/validation/preview/check-preview";
import { stopRunPreviews } from "@/lib/validation/preview/stop-run-previews";
import { appendRunEvent, transitionRun } from "@/lib/runs/transition-run";
import { getSandbox } from "@/lib/sandbox";
import { abortSignalForRun } from "@/lib/sandbox/run-aborts";
import { formatValidationReport, type ReportedValidation } from "@/lib/validation/format-validation-report";
import { getProjectSecretValues } from "@/lib/secrets";
import { runValidation } from "@/lib/validation/run-validation";

export type AttemptValidation = { status: "passed" | "failed" | "cancelled"; summary: string };

const validationLog = (results: { command: string; exitCode: number | null; output: string }[]) =>
  results
    .map(
      (result) =>
        `$ ${result.command}\n${result.output}${result.output.endsWith("\n") ? "" : "\n"}[exit code ${result.exitCode}]\n`,
    )
    .join("\n");

/**
 * Validates what attempt `attempt` pushed, in a fresh workspace at the branch's head:
 * setup and test commands (run-validation), then, when the project has a preview
 * command, its preview with browser checks of its pages and its own Playwright suite,
 * then the approved plan's acceptance checks. The result is stored per attempt (with
 * screenshots and logs as artifacts) and reported as the head's commit status and a PR
 * comment; its markdown summary is what the next attempt is told. Cancelling the run
 * aborts every part. The preview stays up for reviewers until the next attempt, the end
 * of the run, or its idle timeout.
 */
async function validateAttemptUnlocked({
  db,
  runId,
  attempt,
}: {
  db: Database;
  runId: string;
  attempt: number;
}): Promise<AttemptValidation> {
  await transitionRun({ db, runId, to: "validating", data: { attempt } });
  const { run, project, pullRequest } = await loadRun({ db, runId });
  const provider = getGitProvider(project);
  const workspace = await provider.prepareWorkspace({
    project,
    runId,
    branch: runBranch(runId),
    baseBranch: run.baseBranch,
  });
  const startedAt = new Date();
  await upsertValidation({ db, runId, attempt, values: { status: "running", headSha: workspace.headSha, startedAt } });
  await provider.setCommitStatus({
    project,
    sha: workspace.headSha,
    context: "mergeline/validation",
    state: "pending",
    description: `Attempt ${attempt}: validating`,
  });
  // One preview per run at a time: the previous attempt's (or a retried step's) goes.
  await stopRunPreviews({ db, runId, reason: `Replaced by the validation of attempt ${attempt}.` });

  const signal = abortSignalForRun(runId);
  const sandbox = getSandbox();
  const { settings } = project;
  // The project's secrets exist in plaintext only here, as the sandbox's environment, and
  // are redacted from every output kept (logs, summaries, artifacts).
  const secretEnv = await getProjectSecretValues({ db, projectId: project.id });
  const redact = Object.values(secretEnv);
  const outcome = await runValidation({
    sandbox,
    workspacePath: workspace.path,
    settings,
    env: secretEnv,
    redact,
    signal,
  });
  let status = outcome.status;
  const tests = [...outcome.tests];
  const artifacts: ValidationArtifact[] = [];
  const ran = [...outcome.setup, ...outcome.tests];
  if (ran.length > 0)
    artifacts.push(
      await saveArtifact({ runId, attempt, name: "validation.log", kind: "log", data: validationLog(ran) }),
    );

  const plan = await getLatestPlan({ db, runId });
  const acceptanceChecks = plan?.status === "approved" ? plan.content.acceptanceChecks : [];
  let preview: Preview | null = null;
  let previewLog = "";
  let browserChecks: BrowserCheck[] = [];
  const setupPassed = outcome.setup.every((result) => result.exitCode === 0);
  if (status !== "cancelled" && setupPassed && settings.previewCommand) {
    const pages = [
      ...new Set([...settings.previewPages, ...acceptanceChecks.flatMap((check) => (check.page ? [check.page] : []))]),
    ];
    const checked = await checkPreview({
      db,
      sandbox,
      runId,
      attempt,
      headSha: workspace.headSha,
      pullRequestId: pullRequest?.id ?? null,
      workspacePath: workspace.path,
      command: settings.previewCommand,
      pages: pages.length > 0 ? pages : ["/"],
      env: secretEnv,
      redact,
      signal,
    });
    preview = checked.preview;
    previewLog = checked.previewLog;
    browserChecks = checked.browserChecks;
    artifacts.push(...checked.artifacts);
    if (checked.playwright) tests.push(checked.playwright);
    if (checked.status === "cancelled") status = "cancelled";
    else if (checked.status === "failed") status = "failed";
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
  }

  const partial: ReportedValidation = {
    runId,
    attempt,
    status,
    headSha: workspace.headSha,
    setup: outcome.setup,
    setupCacheHit: outcome.setupCacheHit ?? null,
    tests,
    browserChecks,
    acceptance: [],
    artifacts,
  };
  let acceptance: AcceptanceResult[] = [];
  if (status !== "cancelled" && acceptanceChecks.length > 0) {
    const evidence = formatValidationReport(partial, { preview, previewLog });
    acceptance = await evaluateAcceptance({
      db,
      runId,
      attempt,
      project,
      checks: acceptanceChecks,
      tests,
      browserChecks,
      evidence,
      signal,
    });
    if (signal.aborted) status = "cancelled";
    else if (status === "passed" && settings.requireAcceptance && acceptance.some((result) => !result.passed))
      status = "failed";
  }
  if (status === "cancelled") await stopRunPreviews({ db, runId, reason: "The run was cancelled." });

  const summary =
    status === "cancelled"
      ? outcome.summary || "Validation was cancelled."
      : formatValidationReport(
          { ...partial, status, acceptance },
          { preview, previewLog, baseUrl: env.MERGELINE_PUBLIC_URL },
        );
  await upsertValidation({
    db,
    runId,
    attempt,
    values: {
      status,
      setup: outcome.setup,
      setupCacheHit: outcome.setupCacheHit ?? null,
      tests,
      browserChecks,
      acceptance,
      artifacts,
      summary,
      finishedAt: new Date(),
    },
  });
  if (status !== "cancelled") {
    const passed = status === "passed";
    await provider.setCommitStatus({
      project,
      sha: workspace.headSha,
      context: "mergeline/validation",
      state: passed ? "success" : "failure",
      description: passed ? `Attempt ${attempt}: validation passed` : `Attempt ${attempt}: validation failed`,
    });
    if (pullRequest) await provider.comment({ project, number: pullRequest.number, body: summary });
  }
  await appendRunEvent({
    db,
    runId,
    type: "validation.completed",
    realtimeType: "validation.completed",
    data: {
      attempt,
      status,
      summary,
      headSha: workspace.headSha,
      previewUrl: preview?.status === "ready" ? preview.url : null,
    },
  });
  return { status, summary };
}

/** validateAttempt under the run's workspace lock (with-run-workspace.ts). */
export function validateAttempt(input: { db: Database; runId: string; attempt: number }): Promise<AttemptValidation> {
  return withRunWorkspace(input.runId, () => validateAttemptUnlocked(input));
}
