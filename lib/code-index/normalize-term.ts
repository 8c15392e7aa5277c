import { stemmer } from "stemmer";

// Common English words that would make every query match everything; code keywords stay.
const stopWords = new Set(
  "a an and are as at be but by for from has have how i in into is it its of on or that the their then there these this to was were what when where which who why will with".split(
    " ",
  ),
);
const MAX_TERM = 60;

/**
 * The form a word is indexed and searched under: lower case, Porter-stemmed (so "computed"
 * finds `compute`), cut to 60 characters; null for stop words. Documents and queries go
 * through this same function, so they always agree.
 */
export function normalizeTerm(word: string): string | null {
  const lower = word.toLowerCase();
  if (stopWords.has(lower)) return null;
  return (lower.length > 2 && /^[a-z]+$/.test(lower) ? stemmer(lower) : lower).slice(0, MAX_TERM);
}
