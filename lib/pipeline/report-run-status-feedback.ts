import type { Database } from "@/db/client";
import { getRunEvents } from "@/db/queries/runs";
import { AppError } from "@/lib/errors";
import { getGitProvider } from "@/lib/git-provider";
import { logger } from "@/lib/logger";
import { loadRun } from "@/lib/pipeline/load-run";
import { appendRunEvent } from "@/lib/runs/transition-run";

export type FeedbackComment = { id: string; body: string; path?: string; line?: number; author: string };

/**
 * Answers each review comment of a follow-up attempt in its thread (a review's own body,
 * which has no thread, gets a PR comment quoting it). Each answer is recorded as a run
 * event, so a retried step answers only what it has not answered yet.
 */
export async function answerReviewFeedback({
  db,
  runId,
  comments,
  outcome,
}: {
  db: Database;
  runId: string;
  comments: FeedbackComment[];
  outcome: { addressed: boolean; sha?: string; detail: string };
}): Promise<{ answered: number }> {
  const { project, pullRequest } = await loadRun({ db, runId });
  if (!pullRequest) return { answered: 0 };
  const provider = getGitProvider(project, { db });
  const events = await getRunEvents({ db, runId, limit: 5000 });
  const done = new Set(events.filter((event) => event.type === "feedback.answered").map((event) => String(event.data.commentId)));
  const answer = outcome.addressed
    ? `Addressed in ${outcome.sha ? `\`${outcome.sha.slice(0, 12)}\`` : "a new commit"}. ${outcome.detail}`
    : `Not addressed: ${outcome.detail}`;
  let answered = 0;
  for (const comment of comments) {
    if (done.has(comment.id)) continue;
    let replyId: string;
    try {
      ({ id: replyId } = await provider.replyToReviewComment({ project, number: pullRequest.number, commentId: comment.id, body: `@${comment.author} ${answer}` }));
    } catch (error) {
      if (!(error instanceof AppError && (error.code.startsWith("not_found") || error.code.startsWith("bad_request")))) throw error;
      const quote = comment.body.split("\n").slice(0, 5).map((line) => `> ${line}`).join("\n");
      ({ id: replyId } = await provider.comment({ project, number: pullRequest.number, body: `${quote}\n\n@${comment.author} ${answer}` }));
    }
    await appendRunEvent({ db, runId, type: "feedback.answered", data: { commentId: comment.id, replyId, addressed: outcome.addressed } });
    answered++;
  }
  logger.info({ runId, answered }, "review feedback answered");
  return { answered };
}
