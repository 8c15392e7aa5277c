import {
  bodyObject,
  botAccount,
  HttpError,
  issueFromParams,
  page,
  repoFromParams,
  validationFailed,
  type Handler,
} from "./context";
import { timestamp } from "./issue-actions";
import { emitReviewComment, submitReview, type StoredReviewComment } from "./review-actions";
import { serializeReview, serializeReviewComment } from "./serialize-review";
import type { Review } from "./state";

const EVENTS: Record<string, Review["state"]> = {
  APPROVE: "APPROVED",
  REQUEST_CHANGES: "CHANGES_REQUESTED",
  COMMENT: "COMMENTED",
};

/** Reviews and review comments (read, reply, and the App's own reviews). */
export const reviewRoutes: Record<string, Handler> = {
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews": (request) => {
    const repo = repoFromParams(request);
    const issue = issueFromParams(request, repo, true);
    return {
      status: 200,
      body: page(issue.pull!.reviews, request).map((r) => serializeReview(request.ctx.urls, repo, issue, r)),
    };
  },
  "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews": async (request) => {
    const { ctx } = request;
    const repo = repoFromParams(request);
    const issue = issueFromParams(request, repo, true);
    const body = bodyObject(request.body);
    const state = EVENTS[String(body.event ?? "COMMENT")];
    if (!state)
      throw validationFailed("event must be APPROVE, REQUEST_CHANGES or COMMENT", "event", "PullRequestReview");
    const comments = (
      (body.comments as { path: string; line?: number; position?: number; body: string }[] | undefined) ?? []
    ).map((c) => ({ path: c.path, line: c.line ?? c.position ?? 1, body: c.body }));
    const review = await submitReview(ctx, repo, issue, {
      user: botAccount(ctx),
      state,
      body: body.body as string | undefined,
      comments,
    });
    return { status: 200, body: serializeReview(ctx.urls, repo, issue, review) };
  },
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments": (request) => {
    const repo = repoFromParams(request);
    const issue = issueFromParams(request, repo, true);
    return {
      status: 200,
      body: page(issue.pull!.reviewComments, request).map((c) =>
        serializeReviewComment(request.ctx.urls, repo, issue, c as StoredReviewComment),
      ),
    };
  },
  "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies": async (request) => {
    const { ctx } = request;
    const repo = repoFromParams(request);
    const issue = issueFromParams(request, repo, true);
    const parent = issue.pull!.reviewComments.find((c) => c.id === Number(request.params.comment_id)) as
      | StoredReviewComment
      | undefined;
    if (!parent) throw new HttpError(404, "Not Found");
    const body = bodyObject(request.body);
    const now = timestamp();
    const reply: StoredReviewComment = {
      ...parent,
      id: ctx.state.nextId(),
      reviewId: ctx.state.nextId(),
      inReplyTo: parent.inReplyTo ?? parent.id,
      body: String(body.body),
      user: botAccount(ctx),
      createdAt: now,
      updatedAt: now,
    };
    issue.pull!.reviewComments.push(reply);
    await emitReviewComment(ctx, repo, issue, reply, botAccount(ctx));
    return { status: 201, body: serializeReviewComment(ctx.urls, repo, issue, reply) };
  },
};
