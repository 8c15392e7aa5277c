import type { Database } from "@/db/client";
import { listIndexedBlobs } from "@/db/queries/code-files";
import { isIndexablePath } from "./is-indexable-path";
import { listTree, type TreeEntry } from "./list-tree";

/**
 * What syncing the index to `commit` has left to do: files of the commit whose blob the
 * index does not hold yet (new or changed; by path order), and indexed paths the commit no
 * longer has. The database is the sync's state: a step that died is simply asked again.
 */
export async function findPendingFiles({
  db,
  mirrorDir,
  indexId,
  commit,
}: {
  db: Database;
  mirrorDir: string;
  indexId: string;
  commit: string;
}): Promise<{ pending: TreeEntry[]; removed: string[]; total: number }> {
  const [tree, indexed] = await Promise.all([listTree(mirrorDir, commit), listIndexedBlobs({ db, indexId })]);
  const wanted = tree.filter((entry) => isIndexablePath(entry.path, entry.size));
  const paths = new Set(wanted.map((entry) => entry.path));
  return {
    pending: wanted
      .filter((entry) => indexed.get(entry.path) !== entry.blobSha)
      .sort((a, b) => (a.path < b.path ? -1 : 1)),
    removed: [...indexed.keys()].filter((path) => !paths.has(path)),
    total: wanted.length,
  };
}
