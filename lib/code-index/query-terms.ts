import { identifierParts } from "./identifier-parts";
import { normalizeTerm } from "./normalize-term";

// A search query as each signal reads it. Full text: every word, and an identifier either
// whole or as its parts (`getUserName` finds getUserName and "get the user's name"), each
// normalized as documents are (normalizeTerm). Names: the query without spaces, and its
// words in order. Highlighting: the words and parts as typed, and their stems.
// When too few chunks have every word, search widens in steps: first to chunks with all the
// words but one (a query of 3 words or more, or one identifier of 3 parts or more), then to
// chunks with any word. The middle step keeps the chunks that have most of the query first,
// and it ranks a few hundred chunks where any word matches tens of thousands.

export type QueryTerms = {
  /** to_tsquery text needing every word, and one needing any; null when nothing is searchable. */
  allWords: string | null;
  /** Every word but one, in any combination; null under 3 words (it would be anyWord). */
  mostWords: string | null;
  anyWord: string | null;
  /** For symbol names: the query as one identifier, and its words in order. */
  name: string;
  words: string[];
  /** Lower-case strings to mark in snippets, longest first. */
  highlights: string[];
};

const WORD = /[A-Za-z0-9_$]+/g;
const MAX_WORDS = 12;
const searchable = (term: string | null): term is string => term !== null && /^[a-z0-9]+$/.test(term);

/** `(b & c) | (a & c) | (a & b)` for units a, b, c; null under 3 units. */
function allButOne(units: string[]): string | null {
  if (units.length < 3) return null;
  return units.map((_, skipped) => `(${units.filter((__, i) => i !== skipped).join(" & ")})`).join(" | ");
}

export function queryTerms(query: string): QueryTerms {
  const words = (query.match(WORD) ?? []).slice(0, MAX_WORDS);
  const groups: string[] = [];
  // The parts of the only identifier of a one-word query: its units for mostWords.
  let onlyParts: string[] = [];
  const any = new Set<string>();
  const highlights = new Set<string>();
  for (const word of words) {
    const raw = word.replace(/[_$]/g, "").toLowerCase();
    const whole = normalizeTerm(raw);
    if (!searchable(whole)) continue;
    any.add(whole);
    highlights.add(raw).add(whole);
    const parts: string[] = [];
    for (const rawPart of identifierParts(word)) {
      const part = normalizeTerm(rawPart);
      if (!searchable(part)) continue;
      parts.push(part);
      any.add(part);
      if (rawPart.length > 1) highlights.add(rawPart).add(part);
    }
    groups.push(parts.length > 1 ? `(${whole} | (${parts.join(" & ")}))` : whole);
    onlyParts = [...new Set(parts)];
  }
  return {
    allWords: groups.length > 0 ? groups.join(" & ") : null,
    mostWords: allButOne(groups.length === 1 ? onlyParts : groups),
    anyWord: any.size > 0 ? [...any].join(" | ") : null,
    name: words.join(""),
    words: words.map((word) => word.toLowerCase()),
    highlights: [...highlights].sort((a, b) => b.length - a.length),
  };
}
