// What the code index's components show, as plain data (pages build it from lib/code-index).

export type CodeIndexView = {
  state: "none" | "pending" | "indexing" | "ready" | "failed";
  ref: string;
  commitSha: string | null;
  fileCount: number;
  symbolCount: number;
  progressDone: number;
  progressTotal: number;
  error: string | null;
  syncedAt: string | null;
  search: { mode: "hybrid"; embeddingModel: string } | { mode: "lexical"; reason: string };
  fileErrors: { path: string; error: string }[];
};

export type SnippetView = { startLine: number; lines: string[]; highlights: [number, number, number][] };

export type CodeHitView = {
  kind: "symbol" | "chunk" | "file";
  path: string;
  startLine: number;
  endLine: number;
  symbol: { name: string; kind: string; container: string | null; signature: string } | null;
  snippet: SnippetView | null;
  matchedBy: string[];
};
