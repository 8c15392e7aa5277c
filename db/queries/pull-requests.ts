import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type PullRequest, pullRequests } from "@/db/schema";

export type NewPullRequestInput = {
  projectId: string;
  runId: string | null;
  headBranch: string;
  baseBranch: string;
  title: string;
  body: string;
  headSha: string | null;
  url?: string | null;
};

/**
 * Opens a PR with the project's next number, or returns the open PR the head branch already
 * has. A transaction-scoped advisory lock per project serializes openers (across processes
 * too), so max(number) + 1 is safe and two openers of one branch get the same PR.
 */
export async function createOrGetOpenPullRequest({
  db,
  values,
}: {
  db: Database;
  values: NewPullRequestInput;
}): Promise<{ pullRequest: PullRequest; created: boolean }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`pull_requests:${values.projectId}`}))`);
    const [existing] = await tx
      .select()
      .from(pullRequests)
      .where(
        and(
          eq(pullRequests.projectId, values.projectId),
          eq(pullRequests.headBranch, values.headBranch),
          eq(pullRequests.state, "open"),
        ),
      )
      .limit(1);
    if (existing) return { pullRequest: existing, created: false };
    const [last] = await tx
      .select({ number: sql<number>`coalesce(max(${pullRequests.number}), 0)`.mapWith(Number) })
      .from(pullRequests)
      .where(eq(pullRequests.projectId, values.projectId));
    const [created] = await tx
      .insert(pullRequests)
      .values({ ...values, number: (last?.number ?? 0) + 1 })
      .returning();
    return { pullRequest: created!, created: true };
  });
}

export async function getPullRequestByNumber({
  db,
  projectId,
  number,
}: {
  db: Database;
  projectId: string;
  number: number;
}): Promise<PullRequest | undefined> {
  const [row] = await db
    .select()
    .from(pullRequests)
    .where(and(eq(pullRequests.projectId, projectId), eq(pullRequests.number, number)))
    .limit(1);
  return row;
}

/** A project's PRs, newest first, optionally only those in one state. */
export async function getPullRequestsByProjectId({
  db,
  projectId,
  state,
  limit = 50,
}: {
  db: Database;
  projectId: string;
  state?: PullRequest["state"];
  limit?: number;
}): Promise<PullRequest[]> {
  const where = state
    ? and(eq(pullRequests.projectId, projectId), eq(pullRequests.state, state))
    : eq(pullRequests.projectId, projectId);
  return db.select().from(pullRequests).where(where).orderBy(desc(pullRequests.number)).limit(limit);
}

/** Edits a PR's title and body; returns the row, or undefined when there is no such PR. */
export async function updatePullRequestText({
  db,
  projectId,
  number,
  title,
  body,
}: {
  db: Database;
  projectId: string;
  number: number;
  title?: string;
  body?: string;
}): Promise<PullRequest | undefined> {
  const changes = { ...(title === undefined ? {} : { title }), ...(body === undefined ? {} : { body }) };
  if (Object.keys(changes).length === 0) return getPullRequestByNumber({ db, projectId, number });
  const [row] = await db
    .update(pullRequests)
    .set(changes)
    .where(and(eq(pullRequests.projectId, projectId), eq(pullRequests.number, number)))
    .returning();
  return row;
}

/** Records the head commit of every open PR of a branch (after a push, or when read). */
export async function setOpenPullRequestHeadSha({
  db,
  projectId,
  headBranch,
  headSha,
}: {
  db: Database;
  projectId: string;
  headBranch: string;
  headSha: string;
}): Promise<void> {
  await db
    .update(pullRequests)
    .set({ headSha })
    .where(
      and(
        eq(pullRequests.projectId, projectId),
        eq(pullRequests.headBranch, headBranch),
        eq(pullRequests.state, "open"),
      ),
    );
}

/**
 * Notes the merge commit about to be pushed, while the PR stays open. If the process dies
 * between the push and markPullRequestMerged, a retry finds this commit on the base branch
 * and finishes the merge instead of merging twice. Null clears it after a refused push.
 */
export async function recordPendingMerge({
  db,
  id,
  mergeCommitSha,
}: {
  db: Database;
  id: string;
  mergeCommitSha: string | null;
}): Promise<void> {
  await db
    .update(pullRequests)
    .set({ mergeCommitSha })
    .where(and(eq(pullRequests.id, id), eq(pullRequests.state, "open")));
}

export async function markPullRequestMerged({
  db,
  id,
  mergeCommitSha,
  headSha,
}: {
  db: Database;
  id: string;
  mergeCommitSha: string;
  headSha: string | null;
}): Promise<PullRequest | undefined> {
  const [row] = await db
    .update(pullRequests)
    .set({ state: "merged", mergeCommitSha, mergedAt: new Date(), ...(headSha ? { headSha } : {}) })
    .where(eq(pullRequests.id, id))
    .returning();
  return row;
}

/** Closes an open PR; a closed or merged one is returned unchanged. */
export async function markPullRequestClosed({
  db,
  id,
}: {
  db: Database;
  id: string;
}): Promise<PullRequest | undefined> {
  const [row] = await db
    .update(pullRequests)
    .set({ state: "closed", closedAt: new Date() })
    .where(and(eq(pullRequests.id, id), eq(pullRequests.state, "open")))
    .returning();
  if (row) return row;
  const [unchanged] = await db.select().from(pullRequests).where(eq(pullRequests.id, id)).limit(1);
  return unchanged;
}

/** Mergeline PRs of a project whose head is `sha`: external checks on them are evidence for their runs. */
export async function getRunPullRequestsByHeadSha({
  db,
  projectId,
  sha,
}: {
  db: Database;
  projectId: string;
  sha: string;
}): Promise<PullRequest[]> {
  return db
    .select()
    .from(pullRequests)
    .where(and(eq(pullRequests.projectId, projectId), eq(pullRequests.headSha, sha), isNotNull(pullRequests.runId)));
}
