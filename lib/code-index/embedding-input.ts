/** The text embedded for a chunk: where it is and what it declares, then its code. Its SHA-256 keys the stored embedding. */
export function embeddingInput(chunk: {
  path: string;
  symbol: { kind: string; name: string; container: string | null } | null;
  content: string;
}): string {
  const symbol = chunk.symbol
    ? `${chunk.symbol.kind} ${chunk.symbol.container ? `${chunk.symbol.container}.` : ""}${chunk.symbol.name}\n`
    : "";
  return `${chunk.path}\n${symbol}${chunk.content}`;
}
