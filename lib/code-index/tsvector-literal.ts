// A chunk's full-text document, written as a tsvector literal by the analysis workers:
// Postgres parsing the text itself (to_tsvector) costs several times more, on the thread
// that runs the embedded database. Terms are [a-z0-9] (searchTerms), so need no quoting.

// Positions kept per term: enough for ts_rank_cd's proximity, far fewer bytes than all.
const MAX_POSITIONS = 4;
const MAX_POSITION = 16383;

/** `'term':1A,2A 'other':3`: `head` (what the chunk is) weighted A, then `body` (its words). */
export function tsvectorLiteral(head: readonly string[], body: readonly string[]): string {
  const positions = new Map<string, string[]>();
  const add = (term: string, position: number, weight: string) => {
    if (!/^[a-z0-9]+$/.test(term)) return;
    const list = positions.get(term);
    if (!list) positions.set(term, [`${position}${weight}`]);
    else if (list.length < MAX_POSITIONS) list.push(`${position}${weight}`);
  };
  for (const [i, term] of head.entries()) add(term, Math.min(MAX_POSITION, i + 1), "A");
  for (const [i, term] of body.entries()) add(term, Math.min(MAX_POSITION, head.length + i + 1), "");
  return [...positions].map(([term, list]) => `'${term}':${list.join(",")}`).join(" ");
}
