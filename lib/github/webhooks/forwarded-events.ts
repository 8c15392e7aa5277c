import {
  githubCheckRunCompleted,
  githubCheckRunCreated,
  githubCheckSuiteCompleted,
  githubInstallationCreated,
  githubInstallationDeleted,
  githubInstallationRepositoriesAdded,
  githubInstallationRepositoriesRemoved,
  githubInstallationSuspend,
  githubInstallationUnsuspend,
  githubIssueCommentCreated,
  githubIssuesLabeled,
  githubPullRequestClosed,
  githubPullRequestReviewCommentCreated,
  githubPullRequestReviewSubmitted,
  githubStatus,
} from "@/inngest/events";

// The webhook events Mergeline acts on. Others (pushes, stars, releases...) are verified,
// recorded as deliveries and answered 202, but not sent to Inngest: nothing would run.
export const forwardedEvents: ReadonlySet<string> = new Set(
  [
    githubInstallationCreated,
    githubInstallationDeleted,
    githubInstallationSuspend,
    githubInstallationUnsuspend,
    githubInstallationRepositoriesAdded,
    githubInstallationRepositoriesRemoved,
    githubIssuesLabeled,
    githubIssueCommentCreated,
    githubPullRequestClosed,
    githubCheckRunCreated,
    githubCheckRunCompleted,
    githubCheckSuiteCompleted,
    githubStatus,
    githubPullRequestReviewSubmitted,
    githubPullRequestReviewCommentCreated,
  ].map((event) => event.name),
);
