import { createHash } from "node:crypto";
import { languageOf, type ParsedSymbol, parseSource } from "@/lib/code-index/parse";
import type { CodeLanguage } from "@/lib/code-index/parse";
import { chunkSource } from "./chunk-source";
import { embeddingInput } from "./embedding-input";
import { searchTerms } from "./search-terms";
import { tsvectorLiteral } from "./tsvector-literal";

// Everything the index stores about a file that takes CPU: its symbols, its chunks and
// their search terms. Runs in the analysis workers (analyze-pool.ts) so that parsing never
// holds up the thread that writes to the database (the embedded database runs on it).

export type AnalyzedChunk = {
  startLine: number;
  endLine: number;
  symbolOrdinal: number | null;
  content: string;
  contentSha: string;
  /** The full-text document (a tsvector literal): what the chunk is (path, symbol) weighs above its words. */
  search: string;
};

export type FileAnalysis = {
  language: CodeLanguage | null;
  lineCount: number;
  symbols: ParsedSymbol[];
  /** Why the file is only partly indexed, for the project page. */
  error: string | null;
  chunks: AnalyzedChunk[];
};

const MAX_CHUNK_CHARS = 8000;
// Minified or generated code: lines this long on average are indexed as text, not parsed.
const MINIFIED_LINE_CHARS = 300;

const hasWords = /[A-Za-z0-9]/;

export async function analyzeFile({ path, content }: { path: string; content: string }): Promise<FileAnalysis> {
  const lines = content.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const lineCount = lines.length;
  let language = languageOf(path);
  let error: string | null = null;
  let symbols: ParsedSymbol[] = [];
  if (language && content.length > 10_000 && content.length / Math.max(1, lineCount) > MINIFIED_LINE_CHARS) {
    error = "Looks minified: indexed as text, without symbols";
    language = null;
  }
  if (language) {
    const parsed = await parseSource({ language, content });
    symbols = parsed.symbols;
    if (parsed.syntaxErrorLines.length > 0)
      error = `Syntax errors at line${parsed.syntaxErrorLines.length > 1 ? "s" : ""} ${parsed.syntaxErrorLines.join(", ")}: symbols around them may be missing`;
  }
  const pathTerms = searchTerms(path);
  const chunks = chunkSource(lineCount, symbols, (line) => hasWords.test(lines[line - 1] ?? "")).map((range) => {
    const symbol = range.symbolOrdinal === null ? null : (symbols[range.symbolOrdinal] ?? null);
    const chunkContent = lines
      .slice(range.startLine - 1, range.endLine)
      .join("\n")
      .slice(0, MAX_CHUNK_CHARS);
    const input = embeddingInput({ path, symbol, content: chunkContent });
    return {
      ...range,
      content: chunkContent,
      contentSha: createHash("sha256").update(input).digest("hex"),
      search: tsvectorLiteral(
        symbol ? [...pathTerms, ...searchTerms(`${symbol.container ?? ""} ${symbol.name} ${symbol.kind}`)] : pathTerms,
        searchTerms(chunkContent),
      ),
    };
  });
  return { language, lineCount, symbols, error, chunks };
}
