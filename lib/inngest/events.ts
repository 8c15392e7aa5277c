import { eventType } from "inngest";
import { z } from "zod";
import { runStates } from "@/db/schema";

// Every event the pipeline sends or waits for, typed once. Names are contracts.

export const runRequested = eventType("run/requested", {
  schema: z.object({ runId: z.uuid(), projectId: z.uuid() }),
});

export const planDecided = eventType("run/plan.decided", {
  schema: z.object({
    runId: z.uuid(),
    decision: z.enum(["approve", "reject"]),
    // The plan version the decision is about (an edit creates a new version first).
    planVersion: z.number().int().positive(),
    reason: z.string().max(2000).optional(),
    userId: z.string().optional(),
  }),
});

// A person's (or GitHub's) request to cancel a run, recorded first as the run event
// `cancel.requested` whose seq the event carries: cancel-run acts only on a recorded request.
export const cancelRequested = eventType("run/cancel.requested", {
  schema: z.object({
    runId: z.uuid(),
    requestSeq: z.number().int().positive(),
    reason: z.string().max(2000).optional(),
    userId: z.string().optional(),
  }),
});

// A request to merge a ready run, recorded first as the run event `merge.requested`.
// A person picked another best-of-N candidate of a ready run (lib/runs/request-candidate-pick.ts):
// pick-run-candidate puts it on the run's branch and validates it again.
export const candidatePicked = eventType("run/candidate.picked", {
  schema: z.object({ runId: z.uuid(), index: z.number().int().min(1).max(4), requestSeq: z.number().int().positive() }),
});

export const mergeRequested = eventType("run/merge.requested", {
  schema: z.object({ runId: z.uuid(), requestSeq: z.number().int().positive(), userId: z.string().optional() }),
});

// One per state transition, sent after it commits (lib/runs/transition-run.ts): reporting
// (label, status comment, check run, PR comment) and the end-of-run clean-up listen to it,
// and run-pipeline is cancelled by the one that enters `cancelled`.
export const runStateChanged = eventType("run/state.changed", {
  schema: z.object({
    runId: z.uuid(),
    projectId: z.uuid(),
    seq: z.number().int().positive(),
    from: z.enum(runStates),
    to: z.enum(runStates),
  }),
});

// Internal: the pipeline invokes the merge function, which is serialized per repository.
export const mergeExecute = eventType("run/merge.execute", {
  schema: z.object({ runId: z.uuid(), projectId: z.uuid(), repositoryKey: z.string().min(1) }),
});

// Stop a run's previews (the PR closed, a person asked, the run ended). Previews of runs
// that ended or sat idle are also reaped on a schedule (reap-previews).
export const previewStopRequested = eventType("preview/stop.requested", {
  schema: z.object({ runId: z.uuid(), reason: z.string().max(2000).optional() }),
});

// Review feedback on a run's PR (review comments, a "changes requested" review): a
// follow-up attempt pushes to the same PR and answers each comment.
export const feedbackReceived = eventType("run/feedback.received", {
  schema: z.object({
    runId: z.uuid(),
    reviewId: z.string().min(1).optional(),
    comments: z
      .array(
        z.object({
          id: z.string().min(1),
          body: z.string().max(65536),
          path: z.string().optional(),
          line: z.number().int().positive().optional(),
          author: z.string().min(1),
        }),
      )
      .max(100),
  }),
});

// GitHub webhooks, verified and deduplicated by POST /api/github/webhooks, arrive as
// `github/<event>.<action>` (or `github/<event>` when the payload has no action). The
// payload is the action and the part of GitHub's payload that the event's handler reads
// (lib/intake/github/webhooks/forwarded-events.ts), checked loosely here: each handler checks it.
const githubWebhookSchema = z.object({
  deliveryId: z.string().min(1),
  installationId: z.number().int().optional(),
  payload: z.looseObject({}),
});
const githubEvent = <Name extends `github/${string}`>(name: Name) => eventType(name, { schema: githubWebhookSchema });

export const githubInstallationCreated = githubEvent("github/installation.created");
export const githubInstallationDeleted = githubEvent("github/installation.deleted");
export const githubInstallationSuspend = githubEvent("github/installation.suspend");
export const githubInstallationUnsuspend = githubEvent("github/installation.unsuspend");
export const githubInstallationRepositoriesAdded = githubEvent("github/installation_repositories.added");
export const githubInstallationRepositoriesRemoved = githubEvent("github/installation_repositories.removed");
export const githubIssuesLabeled = githubEvent("github/issues.labeled");
export const githubIssueCommentCreated = githubEvent("github/issue_comment.created");
export const githubPullRequestClosed = githubEvent("github/pull_request.closed");
// Opened, new commits, reopened: reviewed when the project has autoReview or the PR was reviewed before.
export const githubPullRequestOpened = githubEvent("github/pull_request.opened");
export const githubPullRequestSynchronize = githubEvent("github/pull_request.synchronize");
export const githubPullRequestReopened = githubEvent("github/pull_request.reopened");
export const githubCheckRunCreated = githubEvent("github/check_run.created");
export const githubCheckRunCompleted = githubEvent("github/check_run.completed");
export const githubCheckSuiteCompleted = githubEvent("github/check_suite.completed");
export const githubStatus = githubEvent("github/status");
export const githubPullRequestReviewSubmitted = githubEvent("github/pull_request_review.submitted");
export const githubPullRequestReviewCommentCreated = githubEvent("github/pull_request_review_comment.created");
// Pushes to a repository's default branch (others are not forwarded): the code index follows them.
export const githubPush = githubEvent("github/push");

// Bring a project's code index of `ref` (default: the project's default branch) up to date
// with the branch's head, incrementally (only changed files), or re-reading every file with
// `full`. Sent on pushes, after local merges, by the schedules, and for a run's branch on demand.
export const codeIndexSyncRequested = eventType("code-index/sync.requested", {
  schema: z.object({
    projectId: z.uuid(),
    ref: z.string().min(1).max(200).optional(),
    full: z.boolean().optional(),
    reason: z.string().max(200),
  }),
});

// Look for runs with no live pipeline behind them (lib/runs/reconcile-runs.ts): sent by the
// app when it starts; the reconcile-runs function also runs on a schedule.
export const reconcileRequested = eventType("run/reconcile.requested", {
  schema: z.object({ reason: z.string().max(200) }),
});

// A validation attempt's verdict, sent once recorded (lib/pipeline/validate/record-validation.ts)
// with the seq of its `validation.completed` run event: notifications and insights listen.
export const validationCompleted = eventType("run/validation.completed", {
  schema: z.object({
    runId: z.uuid(),
    projectId: z.uuid(),
    attempt: z.number().int().positive(),
    status: z.enum(["passed", "failed", "cancelled"]),
    seq: z.number().int().positive(),
  }),
});

// Deliver one notification (lib/notifications): sent for each new delivery, each "Send test"
// and each "Resend" (`send` counts them, so every one is a function run of its own).
export const notificationDeliveryRequested = eventType("notification/delivery.requested", {
  schema: z.object({ deliveryId: z.uuid(), send: z.number().int().positive() }),
});

// Recompute the insights' daily rollups now (lib/insights): for one team, or for every team.
export const insightsRollupRequested = eventType("insights/rollup.requested", {
  schema: z.object({ teamId: z.uuid().optional(), reason: z.string().max(200) }),
});

// Studio sessions (lib/studio): one durable function per session runs its dev server and
// tears it down when stopped, finalized or idle; a restart of Mergeline brings it back.
export const studioSessionRequested = eventType("studio/session.requested", {
  schema: z.object({ sessionId: z.uuid(), projectId: z.uuid() }),
});

// A person's instruction, recorded first as a studio_messages row (requestId): the agent edits.
export const studioMessageSent = eventType("studio/message.sent", {
  schema: z.object({ sessionId: z.uuid(), projectId: z.uuid(), requestId: z.uuid() }),
});

// Wakes a session's function to look at its row (ended by a person, finalized) at once.
export const studioStopRequested = eventType("studio/session.stop.requested", {
  schema: z.object({ sessionId: z.uuid(), reason: z.string().max(2000).optional() }),
});

// Sent by the app when it starts: live sessions get their dev servers back in this process.
export const studioResumeRequested = eventType("studio/sessions.resume.requested", {
  schema: z.object({ reason: z.string().max(200) }),
});

// Review a pull request of a pinned project (lib/reviews): asked for through the REST API, the
// dashboard or `/mergeline review`, or automatically (the project's autoReview, a new commit on
// a PR reviewed before). `reviewId` is the review row the request created; runs' PRs are
// reviewed by their pipeline, not through this event.
export const reviewRequested = eventType("review/requested", {
  schema: z.object({
    projectId: z.uuid(),
    pullRequest: z.number().int().positive(),
    reviewId: z.uuid(),
    trigger: z.enum(["request", "auto"]),
  }),
});
