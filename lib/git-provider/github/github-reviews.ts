import type { ReviewCommentInput } from "@/lib/git-provider/types";
import { toAppError } from "./github-api-error";
import type { GitHubContext } from "./github-context";

/**
 * A pull request review with inline comments on lines of the head (side RIGHT), then its
 * comments read back for their ids (the create call answers with the review only). GitHub
 * refuses the whole review (422) when a comment's line is not in the diff.
 */
export async function postGitHubReview(
  ctx: GitHubContext,
  input: { number: number; sha: string; body: string; comments: ReviewCommentInput[] },
): Promise<{ id: string; commentIds: string[] }> {
  try {
    const { data: review } = await ctx.octokit.rest.pulls.createReview({
      ...ctx.repo,
      pull_number: input.number,
      commit_id: input.sha,
      body: input.body,
      event: "COMMENT",
      comments: input.comments.map((comment) => ({
        path: comment.path,
        line: comment.line,
        side: "RIGHT" as const,
        body: comment.body,
      })),
    });
    if (input.comments.length === 0) return { id: String(review.id), commentIds: [] };
    const { data: posted } = await ctx.octokit.rest.pulls.listCommentsForReview({
      ...ctx.repo,
      pull_number: input.number,
      review_id: Number(review.id),
      per_page: 100,
    });
    // Matched by place and text: the listing's order is not promised to be the request's.
    const unused = [...posted];
    const commentIds = input.comments.map((comment) => {
      const index = unused.findIndex(
        (candidate) =>
          candidate.path === comment.path &&
          (candidate.line ?? candidate.original_line) === comment.line &&
          candidate.body === comment.body,
      );
      const [match] = index >= 0 ? unused.splice(index, 1) : [];
      return match ? String(match.id) : "";
    });
    return { id: String(review.id), commentIds };
  } catch (error) {
    throw toAppError(error, "review");
  }
}
