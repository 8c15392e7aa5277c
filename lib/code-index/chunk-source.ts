import type { ParsedSymbol } from "@/lib/code-index/parse";

// How a file is cut into the pieces search ranks: one chunk per symbol (a class without the
// methods that have chunks of their own), the code between symbols (imports, top-level
// statements) in windows, and files that are not parsed in windows of lines.

export type SourceChunk = { startLine: number; endLine: number; symbolOrdinal: number | null };

const WINDOW = 60;
const MAX_SYMBOL_LINES = 150;
const SYMBOL_WINDOW = 120;
const OVERLAP = 10;

function windows(start: number, end: number, size: number, overlap: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (let from = start; from <= end; from += size - overlap) {
    const to = Math.min(end, from + size - 1);
    ranges.push([from, to]);
    if (to === end) break;
  }
  return ranges;
}

/**
 * Chunks of a file of `lineCount` lines with `symbols` (none for plain text). Code between
 * symbols becomes chunks only where `hasWords(line)` holds somewhere: a lone `}` is no chunk.
 */
export function chunkSource(
  lineCount: number,
  symbols: readonly ParsedSymbol[],
  hasWords: (line: number) => boolean,
): SourceChunk[] {
  const chunks: SourceChunk[] = [];
  const covered = new Uint8Array(lineCount + 2);
  const firstChildStart = new Map<number, number>();
  symbols.forEach((symbol) => {
    if (symbol.parent === undefined) return;
    const start = symbol.docStartLine ?? symbol.startLine;
    firstChildStart.set(symbol.parent, Math.min(firstChildStart.get(symbol.parent) ?? start, start));
  });
  symbols.forEach((symbol, ordinal) => {
    const start = Math.min(symbol.docStartLine ?? symbol.startLine, symbol.startLine);
    // A container's chunk is its head: what comes before its first member with a chunk of its own.
    const childStart = firstChildStart.get(ordinal);
    const end = childStart !== undefined && childStart > start ? childStart - 1 : Math.min(symbol.endLine, lineCount);
    const ranges =
      end - start + 1 > MAX_SYMBOL_LINES ? windows(start, end, SYMBOL_WINDOW, OVERLAP) : [[start, end] as const];
    for (const [from, to] of ranges) chunks.push({ startLine: from, endLine: to, symbolOrdinal: ordinal });
    covered.fill(1, start, end + 1);
  });
  // The lines no symbol's chunk covers (imports, statements, a class's fields after its first
  // method), in windows.
  let gapStart = 0;
  for (let line = 1; line <= lineCount + 1; line++) {
    const inGap = line <= lineCount && covered[line] === 0;
    if (inGap && gapStart === 0) gapStart = line;
    if (!inGap && gapStart !== 0) {
      for (const [from, to] of windows(gapStart, line - 1, WINDOW, 0)) {
        let words = false;
        for (let l = from; l <= to && !words; l++) words = hasWords(l);
        if (words) chunks.push({ startLine: from, endLine: to, symbolOrdinal: null });
      }
      gapStart = 0;
    }
  }
  return chunks.sort((a, b) => a.startLine - b.startLine || a.endLine - b.endLine);
}
