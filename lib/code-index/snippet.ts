export type Snippet = {
  /** The line number of `lines[0]` in the file. */
  startLine: number;
  lines: string[];
  /** Marked ranges: [index in lines, from, to) in characters. */
  highlights: [number, number, number][];
};

const BEFORE = 2;
const SIZE = 7;
const MAX_LINE_CHARS = 240;

/**
 * The lines of a hit to show: around the line that holds the most query terms (or the hit's
 * first lines), with every occurrence of a term marked.
 */
export function makeSnippet(content: string, startLine: number, terms: readonly string[]): Snippet {
  const all = content.split("\n");
  let best = 0;
  let bestCount = 0;
  all.forEach((line, i) => {
    const lower = line.toLowerCase();
    const count = terms.reduce((sum, term) => sum + (lower.includes(term) ? 1 : 0), 0);
    if (count > bestCount) {
      best = i;
      bestCount = count;
    }
  });
  const from = bestCount > 0 ? Math.max(0, Math.min(best - BEFORE, all.length - SIZE)) : 0;
  const lines = all.slice(from, from + SIZE).map((line) => line.slice(0, MAX_LINE_CHARS));
  const highlights: [number, number, number][] = [];
  lines.forEach((line, index) => {
    const lower = line.toLowerCase();
    const taken = new Uint8Array(line.length);
    for (const term of terms) {
      for (let at = lower.indexOf(term); at >= 0 && term.length > 0; at = lower.indexOf(term, at + term.length)) {
        if (taken.subarray(at, at + term.length).some(Boolean)) continue;
        taken.fill(1, at, at + term.length);
        highlights.push([index, at, at + term.length]);
      }
    }
  });
  highlights.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return { startLine: startLine + from, lines, highlights };
}
