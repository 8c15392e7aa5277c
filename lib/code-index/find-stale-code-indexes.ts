import type { Database } from "@/db/client";
import { listPinnedDefaultIndexes } from "@/db/queries/code-index";
import { logger } from "@/lib/platform/logger";
import { openRepository, readBranchSha } from "@/lib/workspaces/repository";

export type StaleCodeIndex = { projectId: string; reason: "not indexed" | "branch moved" };

/**
 * Pinned projects whose default branch's index is missing, or (local repositories, which
 * send no push events) behind the branch: what the every-5-minutes check asks to sync.
 * GitHub projects follow push webhooks and the daily re-sync.
 */
export async function findStaleCodeIndexes({ db }: { db: Database }): Promise<StaleCodeIndex[]> {
  const stale: StaleCodeIndex[] = [];
  for (const entry of await listPinnedDefaultIndexes({ db })) {
    if (entry.state === "indexing") continue;
    if (!entry.commitSha && entry.state !== "failed") {
      stale.push({ projectId: entry.projectId, reason: "not indexed" });
      continue;
    }
    if (entry.provider !== "local" || !entry.commitSha) continue;
    try {
      const head = await readBranchSha(await openRepository(entry.repository), entry.defaultBranch);
      if (head && head !== entry.commitSha) stale.push({ projectId: entry.projectId, reason: "branch moved" });
    } catch (error) {
      logger.debug({ err: error, projectId: entry.projectId }, "code index check: the repository cannot be read");
    }
  }
  return stale;
}
