import type { Database } from "@/db/client";
import { withRunWorkspace } from "@/lib/workspaces/with-run-workspace";
import { getRunById, setRunAttempt } from "@/db/queries/runs";
import { getLatestPlan } from "@/db/queries/plans";
import { getRunCandidates } from "@/db/queries/candidates";
import { attemptCommitMessage, runTitle } from "@/lib/pipeline/titles";
import { agentOfRun, runAttemptAgent } from "@/lib/pipeline/run-attempt-agent";
import { codeCandidates } from "@/lib/pipeline/code-candidates";
import { prepareAttemptStrategy } from "@/lib/pipeline/prepare-attempt-strategy";
import { attemptEvidence } from "@/lib/pipeline/attempt-evidence";
import { checkBudget } from "@/lib/runs/budget";
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

/**
 * One coding attempt, within the budget (a spent one ends the run instead): a fresh workspace
 * from the branch's last pushed commit, the agent's tool loop on the approved plan (and, on a
 * fix attempt, the failed validation's evidence), then commit and push. A retried step starts
 * over from what was pushed.
 */
async function codeAttemptUnlocked({ db, runId, attempt, feedback }: CodeAttemptInput): Promise<CodeAttemptResult> {
  const before = await getRunById({ db, id: runId });
  if (!before) throw new AppError("not_found:run", `Run ${runId} does not exist`);
  // Before each attempt: a spent budget ends the run in needs_human, with nothing merged.
  const budget = checkBudget(before, attempt);
  if (budget.spent) {
    await endRun({ db, runId, to: "needs_human", reason: budget.reason });
    return { pushed: false, sha: "", budgetSpent: budget.reason };
  }
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
  // A review's follow-up keeps to the feedback; a fix attempt (or a retry with a chosen strategy) has its strategy.
  const {
    strategy,
    plan: attemptPlan,
    failure,
  } = feedback?.length
    ? { strategy: null, plan: plan.content, failure: await attemptEvidence(db, runId, attempt - 1) }
    : await prepareAttemptStrategy({ db, run, project, attempt, plan: plan.content, workspace, provider });
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
      plan: attemptPlan,
      repositoryRules: project.settings.repositoryRules,
      testCommands: project.settings.testCommands,
      attempt,
      failure,
      strategy,
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
      // MCP servers of the project the agent went without (they did not answer).
      ...(result.mcpUnavailable.length > 0 ? { mcpUnavailable: result.mcpUnavailable } : {}),
      strategy: strategy?.name ?? null,
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
/**
 * `budgetSpent`: the budget was spent before the attempt, or its minutes ran out while the
 * agent worked; the run has ended (needs_human).
 */
export type CodeAttemptResult = { pushed: boolean; sha: string; budgetSpent?: string };

export function codeAttempt(input: CodeAttemptInput): Promise<CodeAttemptResult> {
  return withRunWorkspace(input.runId, () => codeAttemptUnlocked(input));
}
