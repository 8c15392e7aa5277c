import { embed } from "ai";
import type { Database } from "@/db/client";
import { searchChunksByVector } from "@/db/queries/code-embeddings";
import {
  type ChunkDetail,
  getChunkDetails,
  getFileDetails,
  searchChunksByText,
  searchFilesByPath,
  searchSymbolsByName,
} from "@/db/queries/code-search";
import type { Project } from "@/db/schema";
import type { ResolvedEmbeddingModel } from "@/lib/ai/models";
import { logger } from "@/lib/platform/logger";
import { codeSearchMode } from "./code-search-mode";
import { fuseRankings } from "./fuse-rankings";
import { queryTerms } from "./query-terms";
import { resolveSearchIndex, type SearchedIndex } from "./resolve-search-index";
import { makeSnippet, type Snippet } from "./snippet";

export const codeSearchKinds = ["symbol", "chunk", "file"] as const;
/** symbol: a symbol's code; chunk: code or text outside any symbol; file: a path that matches. */
export type CodeSearchKind = (typeof codeSearchKinds)[number];

export type CodeSearchHit = {
  kind: CodeSearchKind;
  path: string;
  startLine: number;
  endLine: number;
  language: string | null;
  symbol: { name: string; kind: string; container: string | null; exported: boolean; signature: string } | null;
  snippet: Snippet | null;
  /** The chunk's code, when asked for (includeContent): the planner's prompt shows it. */
  content?: string;
  /** The fused score (reciprocal rank fusion); only the order means something. */
  score: number;
  /** The signals that found it. */
  matchedBy: ("text" | "name" | "path" | "vector")[];
};

export type CodeSearchResult = {
  /** The index searched (null: the project has no index yet). */
  index: SearchedIndex | null;
  mode: "hybrid" | "lexical";
  hits: CodeSearchHit[];
};

// How deep each signal's list goes before fusion: enough for a good top 20.
const LIST_DEPTH = 50;
// Fewer chunks than this with every word: the text search widens (all words but one, then any).
const MIN_BEFORE_WIDER = 10;

type Key = `c${number}` | `f${number}`;

function toHit(
  chunk: ChunkDetail,
  score: number,
  matchedBy: CodeSearchHit["matchedBy"],
  terms: string[],
): CodeSearchHit {
  const symbol = chunk.symbolName
    ? {
        name: chunk.symbolName,
        kind: chunk.symbolKind ?? "symbol",
        container: chunk.symbolContainer,
        exported: chunk.symbolExported ?? false,
        signature: chunk.symbolSignature ?? "",
      }
    : null;
  return {
    kind: symbol ? "symbol" : "chunk",
    path: chunk.path,
    // A symbol's hit spans the symbol (its chunk may be one window of it, or its head).
    startLine: chunk.symbolStartLine ?? chunk.startLine,
    endLine: chunk.symbolEndLine ?? chunk.endLine,
    language: chunk.language,
    symbol,
    snippet: makeSnippet(chunk.content, chunk.startLine, terms),
    score,
    matchedBy,
  };
}

/**
 * Searches a project's code index: full text over chunks (identifiers split into words),
 * trigram similarity over symbol names and paths, and with embeddings configured the
 * nearest chunks by cosine distance; the lists are fused by reciprocal rank. `ref` names a
 * branch (default: the project's default branch); see resolveSearchIndex for a branch not
 * indexed yet.
 */
export async function searchCode({
  db,
  project,
  query,
  ref,
  kind,
  limit = 20,
  embedding,
  includeContent = false,
  now = new Date(),
}: {
  db: Database;
  project: Project;
  query: string;
  ref?: string;
  kind?: CodeSearchKind;
  limit?: number;
  /** Replaces MERGELINE_EMBEDDING_MODEL (tests); null: lexical. */
  embedding?: ResolvedEmbeddingModel | null;
  includeContent?: boolean;
  now?: Date;
}): Promise<CodeSearchResult> {
  const mode = await codeSearchMode({ db, embedding });
  const index = await resolveSearchIndex({ db, project, ref, now });
  if (!index) return { index: null, mode: mode.mode, hits: [] };
  const terms = queryTerms(query);
  const chunkKind = kind === "file" ? undefined : kind;
  const lists: { signal: CodeSearchHit["matchedBy"][number]; keys: Key[] }[] = [];

  if (kind !== "file") {
    const chunkIds: number[] = [];
    // Each wider step only while the narrower ones found too few (see queryTerms).
    for (const tsquery of new Set([terms.allWords, terms.mostWords, terms.anyWord])) {
      if (chunkIds.length >= MIN_BEFORE_WIDER) break;
      if (!tsquery) continue;
      const seen = new Set(chunkIds);
      const found = await searchChunksByText({ db, indexId: index.id, tsquery, kind: chunkKind, limit: LIST_DEPTH });
      chunkIds.push(...found.filter((id) => !seen.has(id)));
    }
    lists.push({ signal: "text", keys: chunkIds.map((id) => `c${id}` as const) });
    if (kind !== "chunk" && terms.name.length >= 2) {
      const symbols = await searchSymbolsByName({
        db,
        indexId: index.id,
        name: terms.name,
        words: terms.words,
        limit: LIST_DEPTH,
      });
      lists.push({ signal: "name", keys: symbols.map((symbol) => `c${symbol.chunkId}` as const) });
    }
    if (mode.mode === "hybrid") {
      try {
        const { embedding: vector } = await embed({ model: mode.embedding.model, value: query });
        const ids = await searchChunksByVector({
          db,
          indexId: index.id,
          model: mode.embedding.id,
          embedding: vector,
          kind: chunkKind,
          limit: LIST_DEPTH,
        });
        lists.push({ signal: "vector", keys: ids.map((id) => `c${id}` as const) });
      } catch (error) {
        // The embedding server being down costs the vector list, not the search.
        logger.warn({ err: error }, "code search: the query could not be embedded; lexical results only");
      }
    }
  }
  if (kind === undefined || kind === "file") {
    const pathQuery = query.trim();
    if (pathQuery.length >= 2) {
      const ids = await searchFilesByPath({
        db,
        indexId: index.id,
        query: pathQuery,
        limit: kind === "file" ? LIST_DEPTH : 10,
      });
      lists.push({ signal: "path", keys: ids.map((id) => `f${id}` as const) });
    }
  }

  const fused = fuseRankings(lists.map((list) => list.keys)).slice(0, limit);
  const signals = new Map<Key, CodeSearchHit["matchedBy"]>();
  for (const list of lists) for (const key of list.keys) signals.set(key, [...(signals.get(key) ?? []), list.signal]);
  const chunkIds = fused.filter((item) => item.key.startsWith("c")).map((item) => Number(item.key.slice(1)));
  const fileIds = fused.filter((item) => item.key.startsWith("f")).map((item) => Number(item.key.slice(1)));
  const [chunks, files] = await Promise.all([
    getChunkDetails({ db, ids: chunkIds }),
    getFileDetails({ db, ids: fileIds }),
  ]);
  const chunkById = new Map(chunks.map((chunk) => [chunk.id, chunk]));
  const fileById = new Map(files.map((file) => [file.id, file]));

  const hits: CodeSearchHit[] = [];
  const seen = new Set<string>();
  for (const { key, score } of fused) {
    const matchedBy = [...new Set(signals.get(key) ?? [])];
    if (key.startsWith("c")) {
      const chunk = chunkById.get(Number(key.slice(1)));
      if (!chunk) continue;
      const hit = toHit(chunk, score, matchedBy, terms.highlights);
      if (includeContent) hit.content = chunk.content;
      // Windows of one long symbol are one hit.
      const identity = `${hit.path}:${hit.startLine}:${hit.endLine}`;
      if (seen.has(identity)) continue;
      seen.add(identity);
      hits.push(hit);
    } else {
      const file = fileById.get(Number(key.slice(1)));
      if (!file) continue;
      hits.push({
        kind: "file",
        path: file.path,
        startLine: 1,
        endLine: Math.max(1, file.lineCount),
        language: file.language,
        symbol: null,
        snippet: null,
        score,
        matchedBy,
      });
    }
  }
  return { index, mode: mode.mode, hits };
}
