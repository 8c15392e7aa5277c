import type { Database } from "@/db/client";
import { getLatestPlan } from "@/db/queries/plans";
import {
  finishReview,
  getFindingsOfPullRequest,
  getReviewsByProjectId,
  recordReviewFindings,
  setReviewProgress,
  startReview,
} from "@/db/queries/reviews";
import type { Project, Review, ReviewFinding, ReviewProgress, ReviewTrigger } from "@/db/schema";
import { getGitProvider } from "@/lib/git-provider";
import { env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { analyzeRevisions } from "@/lib/reviews/analyze-revisions";
import { reviewBlockers } from "@/lib/reviews/review-blockers";
import { reviewWithModel } from "@/lib/reviews/review-with-model";
import { publishReviewState } from "@/lib/reviews/publish-review-state";
import { recordUsage } from "@/lib/runs/record-usage";
import { appendRunEvent } from "@/lib/runs/transition-run";
import { runGit } from "@/lib/workspaces/run-git";

export type ReviewTarget = { number: number; baseBranch: string; headBranch: string };

/** The static findings so far, by kind, for the review's progress. */
function countByKind(findings: { kind: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const finding of findings) counts[finding.kind] = (counts[finding.kind] ?? 0) + 1;
  return counts;
}

export type ReviewResult = {
  review: Review;
  /** Every finding of the PR after this review: open and resolved. */
  findings: ReviewFinding[];
  /** Why the merge policy refuses the PR as it is now (empty: nothing blocks). */
  blockers: string[];
};

/**
 * Reviews a pull request's head against its base: the static analysis of the diff from the
 * project's mirror, then the AI review against the run's approved plan (for a run's PR), then
 * the findings recorded against the earlier reviews of the PR (new, still there, resolved).
 * Posting it is lib/reporting's (report-review.ts). A failure is stored on the review, then
 * thrown, so the step retries.
 */
export async function reviewPullRequest({
  db,
  project,
  target,
  trigger,
  runId = null,
  attempt = null,
  requestedBy = null,
  reviewId,
  goal,
  signal,
}: {
  db: Database;
  project: Project;
  target: ReviewTarget;
  trigger: ReviewTrigger;
  runId?: string | null;
  attempt?: number | null;
  requestedBy?: string | null;
  /** The row requestReview created for this review. */
  reviewId?: string;
  goal?: string;
  signal?: AbortSignal;
}): Promise<ReviewResult> {
  const provider = getGitProvider(project, { db });
  // A run's PR is Mergeline's own branch in the repository, and the attempt reviews the commit it
  // just pushed (GitHub updates refs/pull/<n>/head a moment after a push). Any other PR is read
  // by its PR ref, the only place the head of a PR from a fork is in the base repository.
  const { mirrorDir, baseHead, headSha } = runId
    ? await provider
        .fetchMirror({ project, branches: [target.baseBranch, target.headBranch] })
        .then(({ mirrorDir, heads }) => ({ mirrorDir, baseHead: heads[0], headSha: heads[1] }))
    : await provider.fetchPullRequestHead({ project, ...target });
  if (!baseHead)
    throw new AppError(
      "not_found:branch",
      `Pull request #${target.number}: the branch ${target.baseBranch} does not exist`,
    );
  if (!headSha)
    throw new AppError(
      "not_found:branch",
      runId
        ? `Pull request #${target.number}: the branch ${target.headBranch} does not exist`
        : `Pull request #${target.number}: its head could not be fetched`,
    );
  const gitEnv = { GIT_DIR: mirrorDir };
  const base = await runGit(mirrorDir, ["merge-base", baseHead, headSha], { env: gitEnv }).catch(() => baseHead);
  const earlier = (await getReviewsByProjectId({ db, projectId: project.id, pullRequestNumber: target.number })).filter(
    (row) => row.id !== reviewId,
  );
  let review = await startReview({
    db,
    id: reviewId,
    values: {
      projectId: project.id,
      runId,
      attempt,
      pullRequestNumber: target.number,
      trigger,
      requestedBy,
      baseSha: base,
      headSha,
      progress: { stage: "analyzing" },
    },
  });
  const progress = async (values: ReviewProgress) => {
    const row = await setReviewProgress({ db, id: review.id, progress: values });
    if (row) await publishReviewState(row);
  };
  await publishReviewState(review);
  try {
    const settings = project.settings;
    const analysis = await analyzeRevisions({
      gitDir: mirrorDir,
      base,
      head: headSha,
      options: {
        complexityThreshold: settings.complexityThreshold ?? 10,
        secretPatterns: settings.secretPatterns ?? [],
        advisoryDb: env.MERGELINE_ADVISORY_DB,
      },
    });
    const reviewed = new Set(
      analysis.metadata.files.filter((file) => !file.generated && !file.vendored).map((file) => file.path),
    );
    await progress({
      stage: settings.aiReview === false ? "recording" : "ai",
      files: analysis.metadata.filesChanged,
      added: analysis.metadata.added,
      removed: analysis.metadata.removed,
      findings: countByKind(analysis.findings),
    });
    const plan = runId ? await getLatestPlan({ db, runId }) : undefined;
    const started = performance.now();
    const model = await reviewWithModel({
      project,
      goal,
      plan: plan?.status === "approved" ? plan.content : null,
      files: analysis.files,
      reviewed,
      round: attempt ?? earlier.filter((row) => row.status === "completed").length + 1,
      signal,
    });
    analysis.timings.ai = Math.round(performance.now() - started);
    if (runId && model.usage)
      await recordUsage({
        db,
        runId,
        purpose: "review",
        model: model.usage.model,
        attempt: attempt ?? 0,
        usage: model.usage.usage,
        durationMs: model.usage.durationMs,
      });
    const counts = await recordReviewFindings({
      db,
      review,
      findings: [...analysis.findings, ...model.findings],
      notChecked: [
        ...(model.outcome.status === "done" ? [] : ["ai"]),
        ...(analysis.advisories.checked ? [] : ["vulnerability"]),
      ],
    });
    const findings = await getFindingsOfPullRequest({ db, projectId: project.id, pullRequestNumber: target.number });
    const blockers = reviewBlockers({
      settings,
      findings,
      vulnerabilities: analysis.advisories.checked ? analysis.advisories.vulnerabilities.length : 0,
    });
    review = await finishReview({
      db,
      id: review.id,
      values: {
        status: "completed",
        metadata: analysis.metadata,
        complexity: analysis.complexity,
        dependencies: analysis.dependencies,
        advisories: analysis.advisories,
        aiReview: model.outcome,
        timings: analysis.timings,
        blockers,
      },
    });
    const open = findings.filter((finding) => finding.status === "open");
    if (runId)
      await appendRunEvent({
        db,
        runId,
        type: "review.completed",
        data: {
          attempt,
          reviewId: review.id,
          headSha,
          open: open.length,
          added: counts.added,
          resolved: counts.resolved,
          blockers,
        },
      });
    logger.info(
      { projectId: project.id, number: target.number, reviewId: review.id, open: open.length, ...counts },
      "pull request reviewed",
    );
    await publishReviewState(review);
    return { review, findings, blockers };
  } catch (error) {
    const failed = await finishReview({
      db,
      id: review.id,
      values: { status: "failed", error: (error as Error).message.slice(0, 2000) },
    });
    await publishReviewState(failed);
    throw error;
  }
}
