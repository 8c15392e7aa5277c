import type { Database } from "@/db/client";
import { upsertRunCandidate } from "@/db/queries/candidates";
import type { AgentChoice, PlanContent, Project, Run } from "@/db/schema";
import { getGitProvider } from "@/lib/git-provider";
import { logger } from "@/lib/platform/logger";
import { runAttemptAgent } from "@/lib/pipeline/run-attempt-agent";
import { attemptCommitMessage, runTitle } from "@/lib/pipeline/titles";
import { getSandbox } from "@/lib/sandbox";
import { abortSignalForRun } from "@/lib/sandbox/run-aborts";
import { getProjectSecretValues } from "@/lib/secrets";
import { runValidation } from "@/lib/validation/run-validation";
import { runGit } from "@/lib/workspaces/run-git";
import { candidateChecks } from "@/lib/pipeline/candidate-checks";
import type { CandidateStanding } from "@/lib/pipeline/choose-candidate";

/** A candidate's transcript and usage are recorded under this attempt number (101, 102...). */
export const candidateAttempt = (index: number) => 100 + index;

async function diffSize(workspacePath: string, from: string, to: string) {
  const numstat = await runGit(workspacePath, ["diff", "--numstat", from, to]);
  const lines = numstat.split("\n").filter(Boolean);
  const changed = lines.reduce((sum, line) => {
    const [added, removed] = line.split("\t");
    return sum + (Number(added) || 0) + (Number(removed) || 0);
  }, 0);
  return { diffLines: changed, filesChanged: lines.length };
}

/**
 * One best-of-N candidate: its own working copy (`workspaces/<run>-c<n>`) and branch
 * (`<run branch>-<n>`), the chosen agent on the approved plan, commit and push, then the
 * project's setup and test commands on that commit. Its row says how it went; an agent that
 * fails makes an "errored" candidate, not a failed run.
 */
export async function codeCandidate({
  db,
  run,
  project,
  plan,
  branch,
  index,
  choice,
}: {
  db: Database;
  run: Run;
  project: Project;
  plan: PlanContent;
  branch: string;
  index: number;
  choice: AgentChoice;
}): Promise<CandidateStanding & { sha: string | null }> {
  const started = performance.now();
  const candidateBranch = `${branch}-${index}`;
  const provider = getGitProvider(project);
  const workspaceKey = `${run.id}-c${index}`;
  const save = (values: Parameters<typeof upsertRunCandidate>[0]["values"]) =>
    upsertRunCandidate({ db, runId: run.id, index, values });
  await save({ agent: choice, branch: candidateBranch, status: "coding", sha: null, summary: null, chosen: false });
  const standing = { index, committed: false, passed: false, diffLines: 0, sha: null as string | null };
  try {
    const workspace = await provider.prepareWorkspace({
      project,
      runId: workspaceKey,
      branch: candidateBranch,
      baseBranch: run.baseBranch,
    });
    const agent = await runAttemptAgent({
      db,
      run,
      project,
      choice,
      workspacePath: workspace.path,
      attempt: candidateAttempt(index),
      promptInput: {
        goal: run.goal,
        requirements: run.requirements,
        acceptanceCriteria: run.acceptanceCriteria,
        plan,
        repositoryRules: project.settings.repositoryRules,
        testCommands: project.settings.testCommands,
        attempt: 1,
      },
    });
    const elapsed = () => Math.round(performance.now() - started);
    if (agent.stopReason === "aborted" || agent.timedOut) {
      await save({
        agent: choice,
        branch: candidateBranch,
        status: "cancelled",
        summary: agent.timedOut ? "Stopped: the run's minutes ran out" : "Cancelled",
        durationMs: elapsed(),
      });
      return standing;
    }
    const pushed = await provider.commitAndPush({
      project,
      workspace,
      message: attemptCommitMessage({
        title: runTitle({ goal: run.goal, planSummary: plan.summary }),
        goal: run.goal,
        attempt: 1,
        agentSummary: `${agent.label}, candidate ${index}: ${agent.finalText}`,
        runId: run.id,
      }),
    });
    if (!pushed) {
      await save({
        agent: choice,
        branch: candidateBranch,
        status: "failed",
        summary: "The agent made no change",
        durationMs: elapsed(),
      });
      return standing;
    }
    const size = await diffSize(workspace.path, workspace.headSha, pushed.sha);
    const secretEnv = await getProjectSecretValues({ db, projectId: project.id });
    const validation = await runValidation({
      sandbox: getSandbox(),
      workspacePath: workspace.path,
      settings: project.settings,
      env: secretEnv,
      redact: Object.values(secretEnv),
      signal: abortSignalForRun(run.id),
    });
    const passed = validation.status === "passed";
    const checks = await candidateChecks({
      workspacePath: workspace.path,
      base: workspace.headSha,
      head: pushed.sha,
      project,
      plan,
      tests: validation.tests,
    });
    await save({
      agent: choice,
      branch: candidateBranch,
      sha: pushed.sha,
      status: validation.status === "cancelled" ? "cancelled" : passed ? "passed" : "failed",
      summary:
        `${passed ? `Tests passed. ${agent.finalText}` : validation.summary}`.slice(0, 3500) + `\n${checks.note}.`,
      ...size,
      durationMs: elapsed(),
    });
    return {
      ...standing,
      committed: true,
      passed,
      acceptancePassed: checks.acceptancePassed,
      reviewFindings: checks.reviewFindings,
      diffLines: size.diffLines,
      sha: pushed.sha,
    };
  } catch (error) {
    logger.warn({ err: error, runId: run.id, candidate: index }, "a best-of-N candidate failed");
    const message = error instanceof Error ? error.message : String(error);
    await save({
      agent: choice,
      branch: candidateBranch,
      status: "errored",
      summary: message.slice(0, 2000),
      durationMs: Math.round(performance.now() - started),
    });
    return standing;
  } finally {
    await provider.removeWorkspace({ project, runId: workspaceKey }).catch(() => undefined);
  }
}
