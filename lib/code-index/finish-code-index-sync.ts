import type { Database } from "@/db/client";
import { countCodeIndexRows, updateCodeIndex } from "@/db/queries/code-index";
import type { CodeIndex } from "@/db/schema";
import { publishCodeIndexState } from "./publish-code-index-state";

/** The last step of a sync: the index now describes `commit`, with its counts; searches use it. */
export async function finishCodeIndexSync({
  db,
  indexId,
  commit,
  embeddingModel,
  now = new Date(),
}: {
  db: Database;
  indexId: string;
  commit: string;
  /** The model whose embeddings the index has, when it has any. */
  embeddingModel: string | null;
  now?: Date;
}): Promise<CodeIndex | undefined> {
  const counts = await countCodeIndexRows({ db, indexId });
  const index = await updateCodeIndex({
    db,
    id: indexId,
    values: {
      ...counts,
      state: "ready",
      commitSha: commit,
      targetSha: null,
      error: null,
      embeddingModel,
      syncedAt: now,
    },
  });
  if (index) await publishCodeIndexState({ ...index, progressDone: index.progressTotal });
  return index;
}
