// Reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): an item's score is the sum,
// over the lists it is in, of 1 / (k + its rank there). It needs no calibration between
// signals whose scores are not comparable (ts_rank, trigram similarity, cosine distance).
const K = 60;

/** The items of ranked lists (best first), by fused score, best first; ties keep first-seen order. */
export function fuseRankings<T extends string>(lists: readonly (readonly T[])[]): { key: T; score: number }[] {
  const scores = new Map<T, number>();
  for (const list of lists)
    for (const [rank, key] of list.entries()) scores.set(key, (scores.get(key) ?? 0) + 1 / (K + rank + 1));
  return [...scores].map(([key, score]) => ({ key, score })).sort((a, b) => b.score - a.score);
}
