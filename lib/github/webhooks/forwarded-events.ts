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

// The webhook events Mergeline acts on. Others (pushes, stars, releases...) are verified
// and answered 202, but neither recorded nor sent to Inngest: nothing would run.
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

/** The x-github-event values of those: a delivery of any other is acknowledged unread. */
export const forwardedEventTypes: ReadonlySet<string> = new Set([...forwardedEvents].map((name) => name.slice("github/".length).split(".")[0]!));
