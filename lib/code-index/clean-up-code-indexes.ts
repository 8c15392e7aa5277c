import type { Database } from "@/db/client";
import { deleteUnusedEmbeddings } from "@/db/queries/code-embeddings";
import { deleteUnneededCodeIndexes } from "@/db/queries/code-index";
import { getVectorSupport } from "./vector-support";

// A run's branch index nobody searched for a week is removed; it is made again on demand.
const BRANCH_INDEX_IDLE_MS = 7 * 24 * 60 * 60_000;

/** Removes the indexes of unpinned projects, idle branch indexes, and embeddings no chunk uses any more. */
export async function cleanUpCodeIndexes({
  db,
  now = new Date(),
}: {
  db: Database;
  now?: Date;
}): Promise<{ indexes: number; embeddings: number }> {
  const indexes = await deleteUnneededCodeIndexes({ db, before: new Date(now.getTime() - BRANCH_INDEX_IDLE_MS) });
  const embeddings = (await getVectorSupport(db)).available ? await deleteUnusedEmbeddings({ db }) : 0;
  return { indexes, embeddings };
}
