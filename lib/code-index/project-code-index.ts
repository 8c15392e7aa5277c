import type { Database } from "@/db/client";
import { getCodeIndex } from "@/db/queries/code-index";
import type { Project } from "@/db/schema";
import { type FoundSymbol, findSymbol } from "./find-symbol";
import type { SymbolKind } from "./parse";
import { type CodeSearchKind, type CodeSearchResult, searchCode } from "./search-code";

/** A project's code index as agents and chat use it: search and symbol lookup, bound to the project. */
export type ProjectCodeIndex = {
  /** The commit the default branch's index describes (null while the first sync runs). */
  commitSha: string | null;
  ref: string;
  search(
    query: string,
    options?: { kind?: CodeSearchKind; limit?: number; includeContent?: boolean },
  ): Promise<CodeSearchResult>;
  findSymbol(name: string, options?: { kind?: SymbolKind; limit?: number }): Promise<FoundSymbol[]>;
};

/** The project's index of its default branch, or null when it has none yet (tools are then not offered). */
export async function projectCodeIndex({
  db,
  project,
}: {
  db: Database;
  project: Project;
}): Promise<ProjectCodeIndex | null> {
  const index = await getCodeIndex({ db, projectId: project.id, ref: project.defaultBranch });
  if (!index || index.fileCount === 0) return null;
  return {
    commitSha: index.commitSha,
    ref: index.ref,
    search: (query, options = {}) => searchCode({ db, project, query, ...options }),
    findSymbol: (name, options = {}) => findSymbol({ db, project, name, ...options }),
  };
}
