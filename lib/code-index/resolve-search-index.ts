import type { Database } from "@/db/client";
import { getCodeIndex, touchCodeIndexSearched } from "@/db/queries/code-index";
import type { CodeIndex, Project } from "@/db/schema";
import { logger } from "@/lib/platform/logger";
import { assertBranchName } from "@/lib/workspaces/paths";
import { requestCodeIndexSync } from "./request-code-index-sync";

const BRANCH_RESYNC_MS = 5 * 60_000;
// searchedAt only needs to be hours fresh (the clean-up removes indexes unsearched for a week;
// the update itself skips one written in the last hour): an index this process marked
// searched recently is not written again on every search.
const TOUCH_EVERY_MS = 10 * 60_000;
const touchedAt = new Map<string, number>();

/** The index a search reads, as the API reports it. */
export type SearchedIndex = {
  id: string;
  /** The branch the results come from. */
  ref: string;
  /** The branch asked for; differs from `ref` while that branch is being indexed. */
  requestedRef: string;
  commitSha: string | null;
  state: CodeIndex["state"];
};

/**
 * The index to search for `ref` (default: the project's default branch). A branch with no
 * index yet (a run's branch) is indexed on demand: its sync is requested, and meanwhile the
 * default branch's index answers, saying so (`ref` differs from `requestedRef`). Null when
 * the project has no index at all yet.
 */
export async function resolveSearchIndex({
  db,
  project,
  ref = project.defaultBranch,
  now = new Date(),
}: {
  db: Database;
  project: Project;
  ref?: string;
  now?: Date;
}): Promise<SearchedIndex | null> {
  assertBranchName(ref);
  const wanted = await getCodeIndex({ db, projectId: project.id, ref });
  let index = wanted;
  if (!wanted?.commitSha) {
    if (ref !== project.defaultBranch && wanted?.state !== "indexing") {
      await requestCodeIndexSync({ projectId: project.id, ref, reason: "searched" }).catch((error: unknown) =>
        logger.warn({ err: error, projectId: project.id, ref }, "could not request a branch's code index"),
      );
    }
    index =
      ref === project.defaultBranch
        ? wanted
        : await getCodeIndex({ db, projectId: project.id, ref: project.defaultBranch });
  }
  if (!index) return null;
  // A branch's index follows its branch when searched: pushes to run branches send no event.
  const stale = wanted?.syncedAt && now.getTime() - wanted.syncedAt.getTime() > BRANCH_RESYNC_MS;
  if (wanted && ref !== project.defaultBranch && stale && wanted.state !== "indexing")
    await requestCodeIndexSync({ projectId: project.id, ref, reason: "searched" }).catch(() => undefined);
  const touched = touchedAt.get(index.id);
  if (touched === undefined || now.getTime() - touched >= TOUCH_EVERY_MS || now.getTime() < touched) {
    await touchCodeIndexSearched({ db, id: index.id, now });
    // Removed indexes leave entries behind: bounded by forgetting them all now and then.
    if (touchedAt.size >= 10_000) touchedAt.clear();
    touchedAt.set(index.id, now.getTime());
  }
  return { id: index.id, ref: index.ref, requestedRef: ref, commitSha: index.commitSha, state: index.state };
}
