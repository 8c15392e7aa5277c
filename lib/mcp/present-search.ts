type Hit = {
  kind: string;
  path: string;
  startLine: number;
  endLine: number;
  symbol: { name: string; kind: string; container: string | null } | null;
  snippet: { startLine: number; lines: string[] } | null;
};
type SearchAnswer = { index: { ref: string; commitSha: string | null } | null; mode: string; hits: Hit[] };

/** search_code's answer as a model reads it best: one block per hit, located and numbered. */
export function presentSearch(json: unknown): string {
  const answer = json as SearchAnswer;
  if (!answer.index) return "The project has no code index yet; try again once it is indexed.";
  const header = `${answer.hits.length} results from ${answer.index.ref} at ${answer.index.commitSha ?? "(indexing)"} (${answer.mode} search)`;
  const blocks = answer.hits.map((hit) => {
    const what = hit.symbol
      ? `${hit.symbol.kind} ${hit.symbol.container ? `${hit.symbol.container}.` : ""}${hit.symbol.name}`
      : hit.kind;
    const lines = hit.snippet?.lines.map((line, i) => `${hit.snippet!.startLine + i}: ${line}`).join("\n") ?? "";
    return `${hit.path}:${hit.startLine}-${hit.endLine} ${what}${lines ? `\n${lines}` : ""}`;
  });
  return [header, ...blocks].join("\n\n");
}
