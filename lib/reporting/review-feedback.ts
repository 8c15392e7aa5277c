import type { Database } from "@/db/client";
import { getRunEventsOfTypes } from "@/db/queries/run-events";
import { AppError } from "@/lib/platform/errors";
import { getGitProvider } from "@/lib/git-provider";
import { logger } from "@/lib/platform/logger";
import { loadRun } from "@/lib/runs/load-run";
import { appendRunEvent } from "@/lib/runs/transition-run";

export type FeedbackComment = { id: string; body: string; path?: string; line?: number; author: string };

/**
 * Claims the review feedback of a run that nobody has taken up yet: every comment recorded
 * by sendRunFeedback (run events "feedback.received") or carried by this event, less those
 * a follow-up already claimed ("feedback.claimed"). One follow-up thus takes up a review's
 * body and its line comments together (they arrive as separate webhooks), and the other
 * finds nothing left. Inngest runs one step at a time per run (the function's concurrency
 * key), so a claim cannot interleave with another.
 */
export async function claimFeedback({
  db,
  runId,
  comments,
}: {
  db: Database;
  runId: string;
  comments: FeedbackComment[];
}): Promise<FeedbackComment[]> {
  const events = await getRunEventsOfTypes({ db, runId, types: ["feedback.claimed", "feedback.received"] });
  const claimed = new Set(
    events
      .filter((event) => event.type === "feedback.claimed")
      .flatMap((event) => (event.data.commentIds as string[] | undefined) ?? []),
  );
  const recorded = events
    .filter((event) => event.type === "feedback.received")
    .flatMap((event) => (event.data.comments as FeedbackComment[] | undefined) ?? []);
  const byId = new Map<string, FeedbackComment>();
  for (const comment of [...recorded, ...comments])
    if (!claimed.has(comment.id) && !byId.has(comment.id)) byId.set(comment.id, comment);
  const mine = [...byId.values()];
  if (mine.length > 0)
    await appendRunEvent({
      db,
      runId,
      type: "feedback.claimed",
      data: { commentIds: mine.map((comment) => comment.id) },
    });
  return mine;
}

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
  const events = await getRunEventsOfTypes({ db, runId, types: ["feedback.answered"] });
  const done = new Set(
    events.filter((event) => event.type === "feedback.answered").map((event) => String(event.data.commentId)),
  );
  const answer = outcome.addressed
    ? `Addressed in ${outcome.sha ? `\`${outcome.sha.slice(0, 12)}\`` : "a new commit"}. ${outcome.detail}`
    : `Not addressed: ${outcome.detail}`;
  let answered = 0;
  for (const comment of comments) {
    if (done.has(comment.id)) continue;
    let replyId: string;
    try {
      ({ id: replyId } = await provider.replyToReviewComment({
        project,
        number: pullRequest.number,
        commentId: comment.id,
        body: `@${comment.author} ${answer}`,
      }));
    } catch (error) {
      if (!(error instanceof AppError && (error.code.startsWith("not_found") || error.code.startsWith("bad_request"))))
        throw error;
      const quote = comment.body
        .split("\n")
        .slice(0, 5)
        .map((line) => `> ${line}`)
        .join("\n");
      ({ id: replyId } = await provider.comment({
        project,
        number: pullRequest.number,
        body: `${quote}\n\n@${comment.author} ${answer}`,
      }));
    }
    await appendRunEvent({
      db,
      runId,
      type: "feedback.answered",
      data: { commentId: comment.id, replyId, addressed: outcome.addressed },
    });
    answered++;
  }
  logger.info({ runId, answered }, "review feedback answered");
  return { answered };
}
