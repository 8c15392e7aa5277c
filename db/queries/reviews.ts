import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Review, type ReviewFinding, type ReviewProgress, reviewFindings, reviews } from "@/db/schema";
import { storable } from "@/lib/platform/storable";

type ReviewValues = Omit<typeof reviews.$inferInsert, "id" | "createdAt">;
type FindingInput = Pick<
  ReviewFinding,
  "fingerprint" | "kind" | "severity" | "path" | "line" | "title" | "message" | "suggestion" | "source"
>;

/**
 * Starts a review. A run's attempt has one review: a retried step starts that one over
 * instead of adding another.
 */
export async function startReview({
  db,
  values,
  id,
}: {
  db: Database;
  values: ReviewValues;
  /** The review row a request created (requestReview): it is started, not a new one. */
  id?: string;
}): Promise<Review> {
  const row = storable({ ...values, status: "running" as const, error: null, finishedAt: null });
  if (id) {
    const [updated] = await db.update(reviews).set(row).where(eq(reviews.id, id)).returning();
    if (updated) return updated;
  }
  if (values.runId && values.attempt !== null && values.attempt !== undefined) {
    const [upserted] = await db
      .insert(reviews)
      .values(row)
      .onConflictDoUpdate({ target: [reviews.runId, reviews.attempt], set: row })
      .returning();
    return upserted!;
  }
  const [created] = await db.insert(reviews).values(row).returning();
  return created!;
}

export async function finishReview({
  db,
  id,
  values,
}: {
  db: Database;
  id: string;
  values: Partial<ReviewValues>;
}): Promise<Review> {
  const [row] = await db
    .update(reviews)
    .set(storable({ ...values, finishedAt: new Date() }))
    .where(eq(reviews.id, id))
    .returning();
  return row!;
}

/** Records how far a running review is (its page shows it); a review that ended meanwhile keeps its state. */
export async function setReviewProgress({
  db,
  id,
  progress,
}: {
  db: Database;
  id: string;
  progress: ReviewProgress;
}): Promise<Review | undefined> {
  const [row] = await db
    .update(reviews)
    .set({ progress })
    .where(and(eq(reviews.id, id), eq(reviews.status, "running")))
    .returning();
  return row;
}

export async function getReviewById({ db, id }: { db: Database; id: string }): Promise<Review | undefined> {
  const [row] = await db.select().from(reviews).where(eq(reviews.id, id)).limit(1);
  return row;
}

export async function getReviewsByRunId({ db, runId }: { db: Database; runId: string }): Promise<Review[]> {
  return db
    .select()
    .from(reviews)
    .where(eq(reviews.runId, runId))
    .orderBy(asc(reviews.attempt), asc(reviews.createdAt));
}

export async function getReviewOfAttempt({
  db,
  runId,
  attempt,
}: {
  db: Database;
  runId: string;
  attempt: number;
}): Promise<Review | undefined> {
  const [row] = await db
    .select()
    .from(reviews)
    .where(and(eq(reviews.runId, runId), eq(reviews.attempt, attempt)))
    .limit(1);
  return row;
}

/** The reviews of a project, newest first (the review page and GET /projects/{id}/reviews). */
export async function getReviewsByProjectId({
  db,
  projectId,
  pullRequestNumber,
  limit = 50,
}: {
  db: Database;
  projectId: string;
  pullRequestNumber?: number;
  limit?: number;
}): Promise<Review[]> {
  return db
    .select()
    .from(reviews)
    .where(
      and(
        eq(reviews.projectId, projectId),
        pullRequestNumber === undefined ? undefined : eq(reviews.pullRequestNumber, pullRequestNumber),
      ),
    )
    .orderBy(desc(reviews.createdAt))
    .limit(limit);
}

/** A review of the PR still running: a second request while one runs joins it. */
export async function getRunningReview({
  db,
  projectId,
  pullRequestNumber,
}: {
  db: Database;
  projectId: string;
  pullRequestNumber: number;
}): Promise<Review | undefined> {
  const [row] = await db
    .select()
    .from(reviews)
    .where(
      and(
        eq(reviews.projectId, projectId),
        eq(reviews.pullRequestNumber, pullRequestNumber),
        eq(reviews.status, "running"),
        isNull(reviews.runId),
        sql`${reviews.createdAt} > now() - interval '15 minutes'`,
      ),
    )
    .limit(1);
  return row;
}

export async function getFindingsOfPullRequest({
  db,
  projectId,
  pullRequestNumber,
}: {
  db: Database;
  projectId: string;
  pullRequestNumber: number;
}): Promise<ReviewFinding[]> {
  return db
    .select()
    .from(reviewFindings)
    .where(and(eq(reviewFindings.projectId, projectId), eq(reviewFindings.pullRequestNumber, pullRequestNumber)))
    .orderBy(asc(reviewFindings.path), asc(reviewFindings.line), asc(reviewFindings.createdAt));
}

/** The findings a review saw (open ones it found, and those it resolved). */
export async function getFindingsOfReview({
  db,
  reviewId,
}: {
  db: Database;
  reviewId: string;
}): Promise<ReviewFinding[]> {
  return db
    .select()
    .from(reviewFindings)
    .where(eq(reviewFindings.lastReviewId, reviewId))
    .orderBy(asc(reviewFindings.path), asc(reviewFindings.line));
}

/**
 * Records what a review of the PR's head found, against what earlier reviews found (by
 * fingerprint): new findings are added, those seen again are updated (lines move), open
 * ones not seen any more are resolved by this head, resolved ones seen again reopen. One
 * transaction, so a page never shows half of it.
 */
export async function recordReviewFindings({
  db,
  review,
  findings,
  notChecked = [],
}: {
  db: Database;
  review: Pick<Review, "id" | "projectId" | "pullRequestNumber" | "headSha">;
  findings: FindingInput[];
  /** Kinds this review could not look for (the model failed): their open findings stay open. */
  notChecked?: string[];
}): Promise<{ added: number; resolved: number; kept: number }> {
  return db.transaction(async (tx) => {
    const existing = await tx
      .select()
      .from(reviewFindings)
      .where(
        and(
          eq(reviewFindings.projectId, review.projectId),
          eq(reviewFindings.pullRequestNumber, review.pullRequestNumber),
        ),
      );
    const byFingerprint = new Map(existing.map((row) => [row.fingerprint, row]));
    const seen = new Set<string>();
    let added = 0;
    let kept = 0;
    for (const finding of storable(findings)) {
      if (seen.has(finding.fingerprint)) continue;
      seen.add(finding.fingerprint);
      const row = byFingerprint.get(finding.fingerprint);
      const values = { ...finding, lastReviewId: review.id, headSha: review.headSha, status: "open" as const };
      if (row) {
        await tx
          .update(reviewFindings)
          .set({ ...values, resolvedSha: null, resolvedAt: null })
          .where(eq(reviewFindings.id, row.id));
        kept++;
      } else {
        await tx.insert(reviewFindings).values({
          ...values,
          projectId: review.projectId,
          pullRequestNumber: review.pullRequestNumber,
          firstReviewId: review.id,
        });
        added++;
      }
    }
    const gone = existing
      .filter((row) => row.status === "open" && !seen.has(row.fingerprint) && !notChecked.includes(row.kind))
      .map((row) => row.id);
    if (gone.length > 0)
      await tx
        .update(reviewFindings)
        .set({ status: "resolved", resolvedSha: review.headSha, resolvedAt: new Date(), lastReviewId: review.id })
        .where(inArray(reviewFindings.id, gone));
    return { added, resolved: gone.length, kept };
  });
}

/** Remembers the finding's comment on the git host and what it shows. */
export async function setFindingComment({
  db,
  id,
  commentId,
  commentStatus,
}: {
  db: Database;
  id: string;
  commentId: string;
  commentStatus: "open" | "resolved";
}): Promise<void> {
  await db.update(reviewFindings).set({ commentId, commentStatus }).where(eq(reviewFindings.id, id));
}

export async function markReviewPublished({ db, id }: { db: Database; id: string }): Promise<void> {
  await db.update(reviews).set({ publishedAt: new Date() }).where(eq(reviews.id, id));
}
