import type { Database } from "@/db/client";
import { listCodeFileErrors, listCodeIndexesOfProject } from "@/db/queries/code-index";
import type { CodeIndex, Project } from "@/db/schema";
import { codeSearchMode } from "./code-search-mode";

export type CodeIndexStatus = {
  /** How search ranks: hybrid with the embedding model's label, or lexical with the reason. */
  search: { mode: "hybrid"; embeddingModel: string } | { mode: "lexical"; reason: string };
  /** The index of the project's default branch (null until the first sync starts). */
  defaultBranch: CodeIndex | null;
  /** Indexes of other branches (runs' branches, indexed on demand). */
  branches: CodeIndex[];
  /** Files of the default branch's index that are only partly indexed, and why. */
  fileErrors: { path: string; error: string }[];
};

const MAX_FILE_ERRORS = 50;

/** What the project page, the settings page and GET /projects/{id}/code-index show. */
export async function getCodeIndexStatus({
  db,
  project,
}: {
  db: Database;
  project: Project;
}): Promise<CodeIndexStatus> {
  const [mode, indexes] = await Promise.all([
    codeSearchMode({ db }),
    listCodeIndexesOfProject({ db, projectId: project.id }),
  ]);
  const defaultBranch = indexes.find((index) => index.ref === project.defaultBranch) ?? null;
  const fileErrors = defaultBranch
    ? (await listCodeFileErrors({ db, indexId: defaultBranch.id, limit: MAX_FILE_ERRORS })).map((row) => ({
        path: row.path,
        error: row.error ?? "",
      }))
    : [];
  return {
    search:
      mode.mode === "hybrid"
        ? { mode: "hybrid", embeddingModel: mode.embedding.label }
        : { mode: "lexical", reason: mode.reason },
    defaultBranch,
    branches: indexes.filter((index) => index !== defaultBranch),
    fileErrors,
  };
}
