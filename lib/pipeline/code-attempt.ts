import type { Database } from "@/db/client";
import { withRunWorkspace } from "@/lib/workspaces/with-run-workspace";
import { getLatestPlan, getRunById, setRunAttempt } from "@/db/queries/runs";
import { attemptCommitMessage, runTitle } from "@/lib/pipeline/titles";
import { CodingAgentError, runCodingAgent } from "@/lib/agents/coder";
import { getModel } from "@/lib/ai/models";
import { projectCodeIndex } from "@/lib/code-index/project-code-index";
import { recordTranscript } from "@/lib/agents/record-transcript";
import { buildCoderPrompt } from "@/lib/agents/prompts";
import { prepareAttemptStrategy } from "@/lib/pipeline/prepare-attempt-strategy";
import { attemptEvidence } from "@/lib/pipeline/attempt-evidence";
import { AppError } from "@/lib/platform/errors";
import { getGitProvider } from "@/lib/git-provider";
import { branchOfRun, loadRun } from "@/lib/runs/load-run";
import { recordUsage } from "@/lib/runs/record-usage";
import { appendRunEvent, transitionRun } from "@/lib/runs/transition-run";
import { getSandbox } from "@/lib/sandbox";
import { abortSignalForRun } from "@/lib/sandbox/run-aborts";

const MAX_AGENT_STEPS = 40;

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
 * One coding attempt: a fresh workspace from the branch's last pushed commit, the agent's
 * tool loop on the approved plan (and, on a fix attempt, the failed validation's
 * evidence), then commit and push. A retried step starts over from what was pushed.
 */
async function codeAttemptUnlocked({
  db,
  runId,
  attempt,
  feedback,
}: CodeAttemptInput): Promise<{ pushed: boolean; sha: string }> {
  const before = await getRunById({ db, id: runId });
  if (!before) throw new AppError("not_found:run", `Run ${runId} does not exist`);
  const branch = branchOfRun(before);
  // The attempt first, so the report of the state change below names it.
  await setRunAttempt({ db, runId, attempt, branch });
  await transitionRun({ db, runId, to: attempt === 1 ? "coding" : "fixing", data: { attempt } });
  const { run, project } = await loadRun({ db, runId });
  const plan = await getLatestPlan({ db, runId });
  if (plan?.status !== "approved") throw new AppError("conflict:plan", "The run has no approved plan");

  const provider = getGitProvider(project);
  const workspace = await provider.prepareWorkspace({ project, runId, branch, baseBranch: run.baseBranch });
  const resolved = getModel("code", project, { attempt, goal: run.goal });
  const codeIndex = await projectCodeIndex({ db, project });
  // A review's follow-up keeps to the feedback; a fix attempt (or a retry with a chosen strategy) has its strategy.
  const {
    strategy,
    plan: attemptPlan,
    failure,
  } = feedback?.length
    ? { strategy: null, plan: plan.content, failure: await attemptEvidence(db, runId, attempt - 1) }
    : await prepareAttemptStrategy({ db, run, project, attempt, plan: plan.content, workspace, provider });
  const prompt = await buildCoderPrompt({
    goal: run.goal,
    requirements: withFeedback(run.requirements, feedback),
    acceptanceCriteria: run.acceptanceCriteria,
    workspacePath: workspace.path,
    plan: attemptPlan,
    repositoryRules: project.settings.repositoryRules,
    testCommands: project.settings.testCommands,
    attempt,
    failure,
    strategy,
    codeIndex: codeIndex !== null,
  });

  const started = performance.now();
  let result;
  try {
    result = await runCodingAgent({
      model: resolved.model,
      workspacePath: workspace.path,
      sandbox: getSandbox(),
      prompt,
      maxSteps: MAX_AGENT_STEPS,
      signal: abortSignalForRun(runId),
      recorder: recordTranscript({ db, runId, purpose: "code", attempt }),
      codeIndex,
    });
  } catch (error) {
    if (error instanceof CodingAgentError) {
      await recordUsage({
        db,
        runId,
        purpose: "code",
        model: resolved,
        attempt,
        usage: error.partial.usage,
        durationMs: Math.round(performance.now() - started),
      });
    }
    throw error;
  }
  await recordUsage({
    db,
    runId,
    purpose: "code",
    model: resolved,
    attempt,
    usage: result.usage,
    durationMs: Math.round(performance.now() - started),
  });
  await appendRunEvent({
    db,
    runId,
    type: "agent.attempt",
    data: {
      attempt,
      model: resolved.label,
      stopReason: result.stopReason,
      stepsUsed: result.stepsUsed,
      strategy: strategy?.name ?? null,
      // The transcript itself is in agent_messages (the run page reads it there).
      summary: result.finalText.slice(0, 2000),
    },
  });
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

export function codeAttempt(input: CodeAttemptInput): Promise<{ pushed: boolean; sha: string }> {
  return withRunWorkspace(input.runId, () => codeAttemptUnlocked(input));
}
