import type { Database } from "@/db/client";
import { getRunEventsOfTypes } from "@/db/queries/run-events";
import { getRunById } from "@/db/queries/runs";
import type { PlanContent, Project, Run } from "@/db/schema";
import type { AttemptStrategy, FailureEvidence } from "@/lib/agents/prompts";
import type { GitProvider, Workspace } from "@/lib/git-provider/types";
import { logger } from "@/lib/platform/logger";
import { attemptEvidence } from "@/lib/pipeline/attempt-evidence";
import { narrowPlan } from "@/lib/pipeline/narrow-plan";
import { retryOrigin, strategyForAttempt } from "@/lib/pipeline/retry-strategy";
import { branchOfRun } from "@/lib/runs/load-run";
import { appendRunEvent } from "@/lib/runs/transition-run";
import { redactDiffSecrets } from "@/lib/reviews/redact-diff-secrets";
import { runGit } from "@/lib/workspaces/run-git";

// The failed approach's diff the agent sees under different_approach, at most.
const MAX_FAILED_DIFF_BYTES = 100_000;

/**
 * What an attempt's strategy changes before the agent starts: the evidence it gets (the
 * previous attempt's, or the retried run's last), and for different_approach the earlier
 * attempts' own summaries and failed diff with the checkout reset to the base branch, for
 * simplified_scope the plan narrowed to what the acceptance checks need (the rest recorded as
 * follow-up suggestions on the run). Each attempt's strategy is a run event.
 */
export async function prepareAttemptStrategy({
  db,
  run,
  project,
  attempt,
  plan,
  workspace,
  provider,
}: {
  db: Database;
  run: Run;
  project: Project;
  attempt: number;
  plan: PlanContent;
  workspace: Workspace;
  provider: GitProvider;
}): Promise<{ strategy: AttemptStrategy | null; plan: PlanContent; failure: FailureEvidence | null }> {
  const origin = attempt === 1 ? await retryOrigin(db, run.id) : null;
  const name = strategyForAttempt({ attempt, settings: project.settings, chosen: origin?.strategy ?? null });
  const evidenceRun = attempt > 1 ? run : origin?.strategy ? await getRunById({ db, id: origin.runId }) : undefined;
  const failure = evidenceRun ? await attemptEvidence(db, evidenceRun.id, attempt > 1 ? attempt - 1 : "last") : null;
  if (!name || !evidenceRun) return { strategy: null, plan, failure };
  // Once per attempt: a retried step finds it recorded.
  const recordedStrategies = await getRunEventsOfTypes({ db, runId: run.id, types: ["attempt.strategy"] });
  if (!recordedStrategies.some((event) => event.data.attempt === attempt))
    await appendRunEvent({
      db,
      runId: run.id,
      type: "attempt.strategy",
      data: { attempt, strategy: name, ...(evidenceRun.id !== run.id ? { evidenceFrom: evidenceRun.id } : {}) },
    });

  if (name === "regenerate_prompt") return { strategy: { name }, plan, failure };

  if (name === "different_approach") {
    const tried = (await getRunEventsOfTypes({ db, runId: evidenceRun.id, types: ["agent.attempt"] }))
      .map((event) => String(event.data.summary ?? "").trim())
      .filter(Boolean)
      .slice(-3);
    const failedDiff = await provider
      .getBranchDiff({
        project,
        baseBranch: run.baseBranch,
        branch: branchOfRun(evidenceRun),
        maxBytes: MAX_FAILED_DIFF_BYTES,
      })
      // The failed diff may hold the very secrets the review flagged: they reach the model redacted.
      .then((diff) => redactDiffSecrets(diff.diff, project.settings.secretPatterns ?? []))
      .catch((error: unknown) => {
        logger.warn({ err: error, runId: run.id }, "could not read the failed approach's diff");
        return "";
      });
    // Back to the base branch's tree (HEAD stays on the run's branch): the next commit replaces the approach.
    if (workspace.resumed)
      await runGit(workspace.path, ["read-tree", "-u", "--reset", `refs/remotes/origin/${run.baseBranch}`]);
    return { strategy: { name, tried, failedDiff }, plan, failure };
  }

  const narrowed = narrowPlan(plan);
  const recorded = await getRunEventsOfTypes({ db, runId: run.id, types: ["scope.simplified"] });
  if (recorded.length === 0)
    await appendRunEvent({
      db,
      runId: run.id,
      type: "scope.simplified",
      data: { attempt, steps: narrowed.plan.steps.map((step) => step.title), followUps: narrowed.followUps },
    });
  return { strategy: { name, followUps: narrowed.followUps }, plan: narrowed.plan, failure };
}
