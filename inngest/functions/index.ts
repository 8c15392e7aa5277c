import { cancelRun } from "@/inngest/functions/cancel-run";
import { checkCodeIndexRefs } from "@/inngest/functions/check-code-index-refs";
import { cleanUpEndedRun } from "@/inngest/functions/clean-up-ended-run";
import { cleanupRateLimits } from "@/inngest/functions/cleanup-rate-limits";
import { deliverNotification } from "@/inngest/functions/deliver-notification";
import { followUpRun } from "@/inngest/functions/follow-up-run";
import { pickRunCandidate } from "@/inngest/functions/pick-run-candidate";
import { githubCheckResults } from "@/inngest/functions/github-check-results";
import { githubInstallationLifecycle } from "@/inngest/functions/github-installation-lifecycle";
import { githubIssueTrigger } from "@/inngest/functions/github-issue-trigger";
import { githubPruneDeliveries } from "@/inngest/functions/github-prune-deliveries";
import { githubPullRequestClosedFunction } from "@/inngest/functions/github-pull-request-closed";
import { githubPushFunction } from "@/inngest/functions/github-push";
import { githubReviewFeedback } from "@/inngest/functions/github-review-feedback";
import { maintainEmbeddedDatabase } from "@/inngest/functions/maintain-embedded-database";
import { mergePullRequest } from "@/inngest/functions/merge-pull-request";
import { notifyRunEvent } from "@/inngest/functions/notify-run-event";
import { reapPreviews } from "@/inngest/functions/reap-previews";
import { reconcileRunsFunction } from "@/inngest/functions/reconcile-runs";
import { reportRun } from "@/inngest/functions/report-run";
import { reportUnreportedRuns } from "@/inngest/functions/report-unreported-runs";
import { reviewPullRequestFunction } from "@/inngest/functions/review-pull-request";
import { githubPullRequestUpdated } from "@/inngest/functions/github-pull-request-updated";
import { rollUpInsights } from "@/inngest/functions/roll-up-insights";
import { editStudioSession } from "@/inngest/functions/edit-studio-session";
import { resumeStudioSessions } from "@/inngest/functions/resume-studio-sessions";
import { resyncCodeIndexes } from "@/inngest/functions/resync-code-indexes";
import { runPipeline } from "@/inngest/functions/run-pipeline";
import { runStudioSession } from "@/inngest/functions/run-studio-session";
import { stopPreview } from "@/inngest/functions/stop-preview";
import { sweepWorkspaces } from "@/inngest/functions/sweep-workspaces";
import { syncCodeIndexFunction } from "@/inngest/functions/sync-code-index";
import { syncCodeIndexAfterMerge } from "@/inngest/functions/sync-code-index-after-merge";

// Every function the app serves at /api/inngest.
export const functions = [
  runPipeline,
  mergePullRequest,
  cancelRun,
  reportRun,
  reportUnreportedRuns,
  cleanUpEndedRun,
  cleanupRateLimits,
  maintainEmbeddedDatabase,
  stopPreview,
  reapPreviews,
  sweepWorkspaces,
  followUpRun,
  pickRunCandidate,
  githubInstallationLifecycle,
  githubIssueTrigger,
  githubPullRequestClosedFunction,
  githubCheckResults,
  githubReviewFeedback,
  githubPruneDeliveries,
  reconcileRunsFunction,
  notifyRunEvent,
  deliverNotification,
  rollUpInsights,
  runStudioSession,
  editStudioSession,
  resumeStudioSessions,
  githubPushFunction,
  syncCodeIndexFunction,
  syncCodeIndexAfterMerge,
  checkCodeIndexRefs,
  resyncCodeIndexes,
  reviewPullRequestFunction,
  githubPullRequestUpdated,
];
