import type { Database } from "@/db/client";
import { withRunWorkspace } from "@/lib/workspaces/with-run-workspace";
import { getLatestPlan, insertPlanVersion } from "@/db/queries/plans";
import type { RunState } from "@/db/schema";
import { getModel } from "@/lib/ai/models";
import { InvalidPlanError, proposePlan } from "@/lib/agents/planner";
import { recordTranscript } from "@/lib/agents/record-transcript";
import { relevantCode } from "@/lib/agents/relevant-code";
import { buildRepositoryOverview } from "@/lib/agents/repository-overview";
import { projectCodeIndex } from "@/lib/code-index/project-code-index";
import { getGitProvider } from "@/lib/git-provider";
import { autoApprovalReason } from "@/lib/runs/auto-approval-reason";
import { endRun } from "@/lib/runs/end-run";
import { loadRun, runBranch } from "@/lib/runs/load-run";
import { recordUsage } from "@/lib/runs/record-usage";
import { appendRunEvent, transitionRun } from "@/lib/runs/transition-run";
import { abortSignalForRun } from "@/lib/sandbox/run-aborts";
import { applyRepositoryConfig } from "@/lib/pipeline/apply-repository-config";

/**
 * Proposes the run's plan (once: a retried step reuses the stored proposal), then either
 * approves it by the project's setting or moves the run to awaiting_approval.
 */
async function planRunUnlocked({
  db,
  runId,
}: {
  db: Database;
  runId: string;
}): Promise<{ approved: boolean; planVersion: number }> {
  const loaded = await loadRun({ db, runId });
  let plan = await getLatestPlan({ db, runId });
  // The repository's .mergeline.yml, when the project takes settings from it, before anything uses them.
  if (!plan) await applyRepositoryConfig({ db, run: loaded.run, project: loaded.project });
  const { run, project } = plan ? loaded : await loadRun({ db, runId });
  if (!plan) {
    const workspace = await getGitProvider(project).prepareWorkspace({
      project,
      runId,
      branch: runBranch(runId),
      baseBranch: run.baseBranch,
    });
    const overview = await buildRepositoryOverview({ workspacePath: workspace.path });
    const resolved = getModel("plan", project, { goal: run.goal });
    const task = { goal: run.goal, requirements: run.requirements, acceptanceCriteria: run.acceptanceCriteria };
    const input = {
      ...task,
      repositoryRules: project.settings.repositoryRules,
      planningStatement: project.settings.planningStatement,
      overview,
      codeContext: await relevantCode({ codeIndex: await projectCodeIndex({ db, project }), task }),
    };
    const started = performance.now();
    try {
      const proposed = await proposePlan({
        model: resolved.model,
        input,
        signal: abortSignalForRun(runId),
        recorder: recordTranscript({ db, runId, purpose: "plan" }),
      });
      await recordUsage({
        db,
        runId,
        purpose: "plan",
        model: resolved,
        usage: proposed.usage,
        durationMs: proposed.durationMs,
      });
      plan = await insertPlanVersion({ db, runId, status: "proposed", content: proposed.plan });
    } catch (error) {
      if (error instanceof InvalidPlanError) {
        await recordUsage({
          db,
          runId,
          purpose: "plan",
          model: resolved,
          usage: error.usage,
          durationMs: Math.round(performance.now() - started),
        });
      }
      throw error;
    }
    await appendRunEvent({
      db,
      runId,
      type: "plan.proposed",
      realtimeType: "plan.proposed",
      data: { version: plan.version, model: resolved.label },
    });
  }
  if (run.autoConfirm) {
    if (plan.status !== "approved") {
      plan = await insertPlanVersion({
        db,
        runId,
        status: "approved",
        content: plan.content,
        reason: autoApprovalReason(run, project),
      });
    }
    return { approved: true, planVersion: plan.version };
  }
  await transitionRun({ db, runId, to: "awaiting_approval", data: { planVersion: plan.version } });
  return { approved: false, planVersion: plan.version };
}

export type PlanVerdict = { approved: boolean; state: RunState };

/** What the pipeline does with a decision on the plan, or with no decision in time. */
export async function applyPlanDecision({
  db,
  runId,
  decision,
}: {
  db: Database;
  runId: string;
  decision: { decision: "approve" | "reject"; reason?: string } | null;
}): Promise<PlanVerdict> {
  if (!decision) {
    await endRun({ db, runId, to: "needs_human", reason: "Nobody decided on the plan in time" });
    return { approved: false, state: "needs_human" };
  }
  if (decision.decision === "reject") {
    await endRun({
      db,
      runId,
      to: "cancelled",
      reason: decision.reason ? `Plan rejected: ${decision.reason}` : "Plan rejected",
    });
    return { approved: false, state: "cancelled" };
  }
  return { approved: true, state: "coding" };
}

/** planRun under the run's workspace lock (with-run-workspace.ts). */
export function planRun(input: { db: Database; runId: string }): Promise<{ approved: boolean; planVersion: number }> {
  return withRunWorkspace(input.runId, () => planRunUnlocked(input));
}
