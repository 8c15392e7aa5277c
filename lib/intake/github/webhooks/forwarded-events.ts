import type { z } from "zod";
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
  githubPullRequestOpened,
  githubPullRequestReopened,
  githubPullRequestSynchronize,
  githubPullRequestReviewCommentCreated,
  githubPullRequestReviewSubmitted,
  githubPush,
  githubStatus,
} from "@/lib/inngest/events";
import {
  checkRunPayloadSchema,
  checkSuitePayloadSchema,
  installationPayloadSchema,
  installationRepositoriesPayloadSchema,
  issueCommentPayloadSchema,
  issueLabeledPayloadSchema,
  pullRequestClosedPayloadSchema,
  pullRequestUpdatedPayloadSchema,
  pushPayloadSchema,
  reviewCommentPayloadSchema,
  reviewPayloadSchema,
  statusPayloadSchema,
} from "@/lib/intake/github/triggers/payload-schemas";

// The webhook events Mergeline acts on, each with the fields of its payload that the
// handler reads (lib/intake/github/triggers/payload-schemas.ts): only those go to Inngest, so an
// event stays a few kilobytes whatever GitHub sends (up to 25 MB), far below Inngest's
// event size limit. Other events (stars, releases, pushes to other branches than the
// default...) are verified and answered 202, but neither recorded nor sent: nothing would run.
type PayloadSchema = z.ZodType<Record<string, unknown>>;

export const forwardedPayloads: ReadonlyMap<string, PayloadSchema> = new Map<string, PayloadSchema>([
  [githubInstallationCreated.name, installationPayloadSchema],
  [githubInstallationDeleted.name, installationPayloadSchema],
  [githubInstallationSuspend.name, installationPayloadSchema],
  [githubInstallationUnsuspend.name, installationPayloadSchema],
  [githubInstallationRepositoriesAdded.name, installationRepositoriesPayloadSchema],
  [githubInstallationRepositoriesRemoved.name, installationRepositoriesPayloadSchema],
  [githubIssuesLabeled.name, issueLabeledPayloadSchema],
  [githubIssueCommentCreated.name, issueCommentPayloadSchema],
  [githubPullRequestClosed.name, pullRequestClosedPayloadSchema],
  [githubPullRequestOpened.name, pullRequestUpdatedPayloadSchema],
  [githubPullRequestSynchronize.name, pullRequestUpdatedPayloadSchema],
  [githubPullRequestReopened.name, pullRequestUpdatedPayloadSchema],
  [githubCheckRunCreated.name, checkRunPayloadSchema],
  [githubCheckRunCompleted.name, checkRunPayloadSchema],
  [githubCheckSuiteCompleted.name, checkSuitePayloadSchema],
  [githubStatus.name, statusPayloadSchema],
  [githubPullRequestReviewSubmitted.name, reviewPayloadSchema],
  [githubPullRequestReviewCommentCreated.name, reviewCommentPayloadSchema],
  [githubPush.name, pushPayloadSchema],
]);

export const forwardedEvents: ReadonlySet<string> = new Set(forwardedPayloads.keys());

/** The x-github-event values of those: a delivery of any other is acknowledged unread. */
export const forwardedEventTypes: ReadonlySet<string> = new Set(
  [...forwardedEvents].map((name) => name.slice("github/".length).split(".")[0]!),
);

/** Whether a delivery of `name` with `payload` is handed to Inngest (its payload has what the handler reads). */
export const isForwarded = (name: string, payload: unknown): boolean =>
  forwardedPayloads.get(name)?.safeParse(payload).success === true;
