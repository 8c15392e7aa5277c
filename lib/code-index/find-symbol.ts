import type { Database } from "@/db/client";
import { findSymbolsByName, type SymbolDetail } from "@/db/queries/code-search";
import type { Project } from "@/db/schema";
import type { SymbolKind } from "./parse";
import { resolveSearchIndex } from "./resolve-search-index";

export type FoundSymbol = SymbolDetail;

/** Symbols of the project's index named `name` (any case) first, then those like it; optionally of one kind. */
export async function findSymbol({
  db,
  project,
  name,
  kind,
  ref,
  limit = 20,
}: {
  db: Database;
  project: Project;
  name: string;
  kind?: SymbolKind;
  ref?: string;
  limit?: number;
}): Promise<FoundSymbol[]> {
  const index = await resolveSearchIndex({ db, project, ref });
  if (!index || !name.trim()) return [];
  return findSymbolsByName({ db, indexId: index.id, name: name.trim(), kind, limit });
}
