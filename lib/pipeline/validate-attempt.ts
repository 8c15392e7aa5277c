import type { Database } from "@/db/client";
import { withRunWorkspace } from "@/lib/pipeline/with-run-workspace";
import { upsertValidation } from "@/db/queries/validations";
import { getGitProvider } from "@/lib/git-provider";
import { loadRun, runBranch } from "@/lib/pipeline/load-run";
import { appendRunEvent, transitionRun } from "@/lib/runs/transition-run";
import { getSandbox } from "@/lib/sandbox";
import { abortSignalForRun } from "@/lib/sandbox/run-aborts";
import { runValidation } from "@/lib/validation/run-validation";

export type AttemptValidation = { status: "passed" | "failed" | "cancelled"; summary: string };

/**
 * Validates what attempt `attempt` pushed: a fresh workspace at the branch's head, the
 * project's setup and test commands in the sandbox, the result stored per attempt and
 * reported as the head commit's status and a PR comment.
 */
async function validateAttemptUnlocked({ db, runId, attempt }: { db: Database; runId: string; attempt: number }): Promise<AttemptValidation> {
  await transitionRun({ db, runId, to: "validating", data: { attempt } });
  const { run, project, pullRequest } = await loadRun({ db, runId });
  const provider = getGitProvider(project);
  const workspace = await provider.prepareWorkspace({ project, runId, branch: runBranch(runId), baseBranch: run.baseBranch });
  const startedAt = new Date();
  await upsertValidation({ db, runId, attempt, values: { status: "running", headSha: workspace.headSha, startedAt } });
  await provider.setCommitStatus({ project, sha: workspace.headSha, context: "mergeline/validation", state: "pending", description: `Attempt ${attempt}: validating` });

  const outcome = await runValidation({ sandbox: getSandbox(), workspacePath: workspace.path, settings: project.settings, signal: abortSignalForRun(runId) });

  await upsertValidation({
    db,
    runId,
    attempt,
    values: { status: outcome.status, setup: outcome.setup, tests: outcome.tests, summary: outcome.summary, finishedAt: new Date() },
  });
  if (outcome.status !== "cancelled") {
    const passed = outcome.status === "passed";
    await provider.setCommitStatus({
      project,
      sha: workspace.headSha,
      context: "mergeline/validation",
      state: passed ? "success" : "failure",
      description: passed ? `Attempt ${attempt}: validation passed` : `Attempt ${attempt}: validation failed`,
    });
    if (pullRequest) {
      const heading = passed ? `Validation of attempt ${attempt} passed` : `Validation of attempt ${attempt} failed`;
      await provider.comment({ project, number: pullRequest.number, body: `**${heading}**\n\n${outcome.summary}` });
    }
  }
  await appendRunEvent({
    db,
    runId,
    type: "validation.completed",
    realtimeType: "validation.completed",
    data: { attempt, status: outcome.status, summary: outcome.summary, headSha: workspace.headSha },
  });
  return { status: outcome.status, summary: outcome.summary };
}

/** validateAttempt under the run's workspace lock (with-run-workspace.ts). */
export function validateAttempt(input: { db: Database; runId: string; attempt: number }): Promise<AttemptValidation> {
  return withRunWorkspace(input.runId, () => validateAttemptUnlocked(input));
}
