import { identifierParts } from "./identifier-parts";
import { normalizeTerm } from "./normalize-term";

// The words full-text search sees in code. Postgres's parser keeps `getUserName` as one
// word, so identifiers are also split at case changes, underscores and digits: a search
// for "user name" finds it, and so does one for "getUserName".

const IDENTIFIER = /[A-Za-z][A-Za-z0-9]*(?:[_$][A-Za-z0-9]+)*/g;
const MAX_TERMS = 4000;

/** Every identifier and word of `text` (whole, then its parts), normalized, in order. */
export function searchTerms(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.matchAll(IDENTIFIER)) {
    if (terms.length >= MAX_TERMS) break;
    const word = match[0];
    const whole = normalizeTerm(word.replace(/[_$]/g, ""));
    if (whole) terms.push(whole);
    const parts = identifierParts(word);
    if (parts.length > 1)
      for (const part of parts) {
        const term = normalizeTerm(part);
        if (term) terms.push(term);
      }
  }
  return terms;
}
