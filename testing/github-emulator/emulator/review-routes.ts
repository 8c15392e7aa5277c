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
import { emitReviewComment, lineInDiff, submitReview, type StoredReviewComment } from "./review-actions";
import { serializePull } from "./serialize-pull";
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
    // GitHub refuses the whole review when a comment is not on a line of the diff.
    for (const comment of comments)
      if (!(await lineInDiff(repo, issue, comment.path, comment.line)))
        throw new HttpError(422, "Unprocessable Entity", { errors: ["Line could not be resolved"] });
    const review = await submitReview(ctx, repo, issue, {
      user: botAccount(ctx),
      state,
      body: body.body as string | undefined,
      comments,
    });
    return { status: 200, body: serializeReview(ctx.urls, repo, issue, review) };
  },
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments": (request) => {
    const repo = repoFromParams(request);
    const issue = issueFromParams(request, repo, true);
    const reviewId = Number(request.params.review_id);
    if (!issue.pull!.reviews.some((review) => review.id === reviewId)) throw new HttpError(404, "Not Found");
    return {
      status: 200,
      body: page(
        issue.pull!.reviewComments.filter((c) => c.reviewId === reviewId),
        request,
      ).map((c) => serializeReviewComment(request.ctx.urls, repo, issue, c as StoredReviewComment)),
    };
  },
  "PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}": async (request) => {
    const { ctx } = request;
    const repo = repoFromParams(request);
    const id = Number(request.params.comment_id);
    for (const issue of repo.issues.values()) {
      const comment = issue.pull?.reviewComments.find((c) => c.id === id) as StoredReviewComment | undefined;
      if (!comment) continue;
      const body = bodyObject(request.body);
      if (typeof body.body !== "string")
        throw validationFailed("body is required", "body", "PullRequestReviewComment", "missing_field");
      comment.body = body.body;
      comment.updatedAt = timestamp();
      ctx.emit("pull_request_review_comment", "edited", repo, botAccount(ctx), {
        comment: serializeReviewComment(ctx.urls, repo, issue, comment),
        changes: {},
        pull_request: await serializePull(ctx, repo, issue),
      });
      return { status: 200, body: serializeReviewComment(ctx.urls, repo, issue, comment) };
    }
    throw new HttpError(404, "Not Found");
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
