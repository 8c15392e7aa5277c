import type { Database } from "@/db/client";
import { copyIndexedFiles, deleteIndexedFiles, markIndexedFilesStale } from "@/db/queries/code-files";
import { ensureCodeIndex, getCodeIndex, updateCodeIndex } from "@/db/queries/code-index";
import type { Project } from "@/db/schema";
import { type GitProvider, getGitProvider } from "@/lib/git-provider";
import { logger } from "@/lib/platform/logger";
import { findPendingFiles } from "./find-pending-files";
import { publishCodeIndexState } from "./publish-code-index-state";

export type CodeIndexSyncPlan =
  | { status: "missing-ref"; indexId: string | null; ref: string }
  | { status: "planned"; indexId: string; ref: string; commit: string; pending: number; removed: number };

/**
 * The first step of a sync: fetches the repository, finds the ref's head commit and what
 * differs from the index (files whose blob changed, files gone), removes what is gone and
 * marks the index `indexing`. A branch indexed for the first time starts as a copy of the
 * default branch's index, so only what the branch changed is parsed. `full` re-reads every
 * file (after a parser upgrade); the old rows serve searches until each is replaced.
 */
export async function planCodeIndexSync({
  db,
  project,
  ref = project.defaultBranch,
  full = false,
  gitProvider = getGitProvider(project, { db }),
}: {
  db: Database;
  project: Project;
  ref?: string;
  full?: boolean;
  gitProvider?: GitProvider;
}): Promise<CodeIndexSyncPlan> {
  const isDefault = ref === project.defaultBranch;
  const { mirrorDir, heads } = await gitProvider.fetchMirror({ project, branches: [ref] });
  const commit = heads[0];
  if (!commit) {
    const existing = await getCodeIndex({ db, projectId: project.id, ref });
    if (existing) {
      const failed = await updateCodeIndex({
        db,
        id: existing.id,
        values: { state: "failed", error: `The repository has no branch ${ref}`, targetSha: null },
      });
      if (failed) await publishCodeIndexState(failed);
    }
    return { status: "missing-ref", indexId: existing?.id ?? null, ref };
  }

  const { index, created } = await ensureCodeIndex({ db, projectId: project.id, ref });
  if (created && !isDefault) {
    const base = await getCodeIndex({ db, projectId: project.id, ref: project.defaultBranch });
    if (base?.commitSha) await copyIndexedFiles({ db, fromIndexId: base.id, toIndexId: index.id });
  }
  if (full) await markIndexedFilesStale({ db, indexId: index.id });
  const { pending, removed } = await findPendingFiles({ db, mirrorDir, indexId: index.id, commit });
  await deleteIndexedFiles({ db, indexId: index.id, paths: removed });
  const updated = await updateCodeIndex({
    db,
    id: index.id,
    values: {
      state: "indexing",
      targetSha: commit,
      progressDone: 0,
      progressTotal: pending.length,
      error: null,
    },
  });
  if (updated) await publishCodeIndexState(updated);
  logger.info(
    { projectId: project.id, ref, commit, pending: pending.length, removed: removed.length, full },
    "code index sync planned",
  );
  return { status: "planned", indexId: index.id, ref, commit, pending: pending.length, removed: removed.length };
}
