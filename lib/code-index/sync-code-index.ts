import type { Database } from "@/db/client";
import type { CodeIndex, Project } from "@/db/schema";
import type { ResolvedEmbeddingModel } from "@/lib/ai/models";
import type { GitProvider } from "@/lib/git-provider";
import { codeSearchMode } from "./code-search-mode";
import { embedPendingChunks } from "./embed-pending-chunks";
import { failCodeIndexSync } from "./fail-code-index-sync";
import { finishCodeIndexSync } from "./finish-code-index-sync";
import { indexPendingFiles } from "./index-pending-files";
import { type CodeIndexSyncPlan, planCodeIndexSync } from "./plan-code-index-sync";

export type CodeIndexSyncOutcome = {
  plan: CodeIndexSyncPlan;
  indexed: number;
  embedded: number;
  index: CodeIndex | null;
};

/**
 * A whole sync in one call: the steps the sync-code-index function runs one by one (plan,
 * index batches, embed batches, finish), for scripts, tests and benchmarks.
 */
export async function syncCodeIndex({
  db,
  project,
  ref,
  full,
  embedding,
  gitProvider,
  maxFiles,
}: {
  db: Database;
  project: Project;
  ref?: string;
  full?: boolean;
  embedding?: ResolvedEmbeddingModel | null;
  gitProvider?: GitProvider;
  maxFiles?: number;
}): Promise<CodeIndexSyncOutcome> {
  const plan = await planCodeIndexSync({ db, project, ref, full, gitProvider });
  if (plan.status !== "planned") return { plan, indexed: 0, embedded: 0, index: null };
  let indexed = 0;
  let embedded = 0;
  try {
    for (;;) {
      const batch = await indexPendingFiles({
        db,
        project,
        indexId: plan.indexId,
        commit: plan.commit,
        maxFiles,
        gitProvider,
      });
      indexed += batch.indexed;
      if (batch.remaining === 0 || batch.indexed === 0) break;
    }
    const mode = await codeSearchMode({ db, embedding });
    if (mode.mode === "hybrid") {
      for (;;) {
        const batch = await embedPendingChunks({ db, indexId: plan.indexId, embedding: mode.embedding });
        embedded += batch.embedded;
        if (batch.remaining === 0 || batch.embedded === 0) break;
      }
    }
    const index = await finishCodeIndexSync({
      db,
      indexId: plan.indexId,
      commit: plan.commit,
      embeddingModel: mode.mode === "hybrid" ? mode.embedding.id : null,
    });
    return { plan, indexed, embedded, index: index ?? null };
  } catch (error) {
    await failCodeIndexSync({
      db,
      indexId: plan.indexId,
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
}
