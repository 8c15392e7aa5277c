import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type PullRequest, pullRequests } from "@/db/schema";

export type MirroredPullRequest = {
  projectId: string;
  runId?: string | null;
  number: number;
  title: string;
  body: string;
  headBranch: string;
  baseBranch: string;
  headSha: string | null;
  state: PullRequest["state"];
  url: string | null;
  mergeCommitSha?: string | null;
};

/**
 * Keeps the database's copy of a GitHub PR (numbered by GitHub) in step with what the API
 * returned. The run it belongs to is kept once set.
 */
export async function upsertMirroredPullRequest({
  db,
  values,
}: {
  db: Database;
  values: MirroredPullRequest;
}): Promise<PullRequest> {
  const now = new Date();
  const timestamps = {
    mergedAt: values.state === "merged" ? now : null,
    closedAt: values.state === "closed" ? now : null,
  };
  const [row] = await db
    .insert(pullRequests)
    .values({ ...values, runId: values.runId ?? null, ...timestamps })
    .onConflictDoUpdate({
      target: [pullRequests.projectId, pullRequests.number],
      set: {
        title: values.title,
        body: values.body,
        headSha: values.headSha,
        state: values.state,
        url: values.url,
        runId: sql`coalesce(${pullRequests.runId}, ${values.runId ?? null}::uuid)`,
        mergeCommitSha: sql`coalesce(${values.mergeCommitSha ?? null}, ${pullRequests.mergeCommitSha})`,
        mergedAt: values.state === "merged" ? sql`coalesce(${pullRequests.mergedAt}, now())` : null,
        closedAt: values.state === "closed" ? sql`coalesce(${pullRequests.closedAt}, now())` : null,
      },
    })
    .returning();
  return row!;
}
