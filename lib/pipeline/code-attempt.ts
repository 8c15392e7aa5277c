import type { Database } from "@/db/client";
import { withRunWorkspace } from "@/lib/workspaces/with-run-workspace";
import { getLatestPlan, getRunById, setRunAttempt } from "@/db/queries/runs";
import { getValidation } from "@/db/queries/validations";
import { getRunCandidates } from "@/db/queries/candidates";
import { attemptCommitMessage, runTitle } from "@/lib/pipeline/titles";
import type { FailureEvidence } from "@/lib/agents/prompts";
import { agentOfRun, runAttemptAgent } from "@/lib/pipeline/run-attempt-agent";
import { codeCandidates } from "@/lib/pipeline/code-candidates";
import { endRun } from "@/lib/runs/end-run";
import { AppError } from "@/lib/platform/errors";
import { getGitProvider } from "@/lib/git-provider";
import { branchOfRun, loadRun } from "@/lib/runs/load-run";
import { appendRunEvent, transitionRun } from "@/lib/runs/transition-run";

/** Review feedback a follow-up attempt answers (inngest/functions/follow-up-run.ts). */
export type ReviewFeedback = { body: string; path?: string; line?: number; author: string }[];

/** Review comments joined to the run's requirements: the agent reads them as part of its (untrusted) task. */
function withFeedback(requirements: string | null, feedback: ReviewFeedback | undefined): string | null {
  if (!feedback?.length) return requirements;
  const comments = feedback.map(
    (comment) =>
      `- ${comment.author}${comment.path ? ` on ${comment.path}${comment.line ? `:${comment.line}` : ""}` : ""}: ${comment.body}`,
  );
  return [requirements, `Review feedback on the pull request, to address in this attempt:\n${comments.join("\n")}`]
    .filter(Boolean)
    .join("\n\n");
}

/** The failed validation of the previous attempt, as evidence for this one. */
async function previousFailure(db: Database, runId: string, attempt: number): Promise<FailureEvidence | null> {
  if (attempt <= 1) return null;
  const previous = await getValidation({ db, runId, attempt: attempt - 1 });
  if (previous?.status !== "failed") return null;
  const failed = [...previous.setup, ...previous.tests].find((command) => command.exitCode !== 0);
  if (failed) return { ...failed, summary: previous.summary ?? undefined };
  // Every command passed, so the preview, a browser check or an acceptance check failed:
  // the summary (validate-attempt.ts) holds that evidence.
  const what =
    previous.browserChecks.length > 0 ? "the browser checks of the preview" : "the preview and acceptance checks";
  return { command: what, exitCode: 1, output: "", summary: previous.summary ?? undefined };
}

/**
 * One coding attempt: a fresh workspace from the branch's last pushed commit, the agent's
 * tool loop on the approved plan (and, on a fix attempt, the failed validation's
 * evidence), then commit and push. A retried step starts over from what was pushed.
 */
async function codeAttemptUnlocked({ db, runId, attempt, feedback }: CodeAttemptInput): Promise<CodeAttemptResult> {
  const before = await getRunById({ db, id: runId });
  if (!before) throw new AppError("not_found:run", `Run ${runId} does not exist`);
  const branch = branchOfRun(before);
  // The attempt first, so the report of the state change below names it.
  await setRunAttempt({ db, runId, attempt, branch });
  await transitionRun({ db, runId, to: attempt === 1 ? "coding" : "fixing", data: { attempt } });
  const { run, project } = await loadRun({ db, runId });
  const plan = await getLatestPlan({ db, runId });
  if (plan?.status !== "approved") throw new AppError("conflict:plan", "The run has no approved plan");

  if (attempt === 1 && (run.agents?.length ?? 0) > 1) {
    // Best-of-N: the candidates code in parallel; the winner's work is pushed to the branch.
    const best = await codeCandidates({ db, run, project, plan: plan.content, branch });
    return { pushed: best.pushed, sha: best.sha ?? "" };
  }
  const provider = getGitProvider(project);
  const workspace = await provider.prepareWorkspace({ project, runId, branch, baseBranch: run.baseBranch });
  const result = await runAttemptAgent({
    db,
    run,
    project,
    // After best-of-N, fix attempts go on with the agent whose candidate won.
    choice:
      (run.agents?.length ?? 0) > 1
        ? ((await getRunCandidates({ db, runId })).find((candidate) => candidate.chosen)?.agent ??
          agentOfRun(run, project))
        : agentOfRun(run, project),
    workspacePath: workspace.path,
    attempt,
    promptInput: {
      goal: run.goal,
      requirements: withFeedback(run.requirements, feedback),
      acceptanceCriteria: run.acceptanceCriteria,
      plan: plan.content,
      repositoryRules: project.settings.repositoryRules,
      testCommands: project.settings.testCommands,
      attempt,
      failure: await previousFailure(db, runId, attempt),
    },
  });
  await appendRunEvent({
    db,
    runId,
    type: "agent.attempt",
    data: {
      attempt,
      model: result.label,
      stopReason: result.timedOut ? "timed-out" : result.stopReason,
      stepsUsed: result.stepsUsed,
      // The files of the repository's own instructions the prompt carried (AGENTS.md...).
      instructions: result.instructions,
      // The transcript itself is in agent_messages (the run page reads it there).
      summary: result.finalText.slice(0, 2000),
    },
  });
  if (result.timedOut) {
    const reason = `Budget spent: the agent was stopped after the run's ${run.budget.maxMinutes} minutes`;
    await endRun({ db, runId, to: "needs_human", reason });
    return { pushed: false, sha: workspace.headSha, budgetSpent: reason };
  }
  if (result.stopReason === "aborted") return { pushed: false, sha: workspace.headSha };

  const pushed = await provider.commitAndPush({
    project,
    workspace,
    message: attemptCommitMessage({
      title: runTitle({ goal: run.goal, planSummary: plan.content.summary }),
      goal: run.goal,
      attempt,
      agentSummary: result.finalText,
      runId,
    }),
  });
  // A retry of a step that already pushed finds its work on the branch, not in the workspace.
  return { pushed: pushed !== null || workspace.resumed, sha: pushed?.sha ?? workspace.headSha };
}

/** codeAttempt under the run's workspace lock (with-run-workspace.ts). */
type CodeAttemptInput = { db: Database; runId: string; attempt: number; feedback?: ReviewFeedback };
/** `budgetSpent`: the run's minutes ran out while the agent worked; the run has ended (needs_human). */
export type CodeAttemptResult = { pushed: boolean; sha: string; budgetSpent?: string };

export function codeAttempt(input: CodeAttemptInput): Promise<CodeAttemptResult> {
  return withRunWorkspace(input.runId, () => codeAttemptUnlocked(input));
}
