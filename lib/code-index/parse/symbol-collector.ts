import type { Node } from "web-tree-sitter";
import type { ParsedSymbol, SymbolKind } from "./types";

const MAX_SIGNATURE = 200;

/** Where the comments directly above `node` (no blank line between) start, 1-based. */
function docStart(node: Node): number | undefined {
  let start: number | undefined;
  let row = node.startPosition.row;
  for (let sibling = node.previousSibling; sibling?.type === "comment"; sibling = sibling.previousSibling) {
    if (sibling.endPosition.row < row - 1) break;
    row = sibling.startPosition.row;
    start = row + 1;
  }
  return start;
}

/** Collects a file's symbols as the language walkers find them, with lines and signatures. */
export class SymbolCollector {
  readonly symbols: ParsedSymbol[] = [];

  constructor(private readonly lines: readonly string[]) {}

  /** Adds the symbol `node` declares (its lines: `range`, by default the node); returns its index. */
  add(
    node: Node,
    symbol: { name: string; kind: SymbolKind; exported: boolean; container?: string | null; parent?: number },
    range: Node = node,
  ): number {
    const startLine = range.startPosition.row + 1;
    const docStartLine = docStart(range);
    this.symbols.push({
      name: symbol.name,
      kind: symbol.kind,
      container: symbol.container ?? null,
      exported: symbol.exported,
      startLine,
      // A node ending at column 0 ends on the line before (its trailing newline).
      endLine: Math.max(startLine, range.endPosition.row + (range.endPosition.column === 0 ? 0 : 1)),
      ...(docStartLine === undefined ? {} : { docStartLine }),
      signature: (this.lines[startLine - 1] ?? "").trim().slice(0, MAX_SIGNATURE),
      ...(symbol.parent === undefined ? {} : { parent: symbol.parent }),
    });
    return this.symbols.length - 1;
  }
}
