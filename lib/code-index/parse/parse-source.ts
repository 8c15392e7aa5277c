import type { Node } from "web-tree-sitter";
import { goSymbols } from "./go-symbols";
import { javascriptSymbols } from "./javascript-symbols";
import { loadParser } from "./load-grammar";
import { pythonSymbols } from "./python-symbols";
import { SymbolCollector } from "./symbol-collector";
import type { CodeLanguage, ParsedFile } from "./types";

const MAX_ERROR_LINES = 20;

const walkers: Record<CodeLanguage, (root: Node, collector: SymbolCollector) => void> = {
  typescript: javascriptSymbols,
  tsx: javascriptSymbols,
  javascript: javascriptSymbols,
  python: pythonSymbols,
  go: goSymbols,
};

/**
 * The symbols of a source file (functions, classes, methods, types, exports...) with their
 * line ranges, and the lines of any syntax errors. Code with errors still gives the symbols
 * tree-sitter could recover around them.
 */
export async function parseSource({
  language,
  content,
}: {
  language: CodeLanguage;
  content: string;
}): Promise<ParsedFile> {
  const parser = await loadParser(language);
  const tree = parser.parse(content);
  if (!tree) return { language, symbols: [], syntaxErrorLines: [] };
  try {
    const root = tree.rootNode;
    const collector = new SymbolCollector(content.split("\n"));
    walkers[language](root, collector);
    const syntaxErrorLines = root.hasError
      ? [...new Set(root.descendantsOfType("ERROR").map((node) => node.startPosition.row + 1))].slice(
          0,
          MAX_ERROR_LINES,
        )
      : [];
    return { language, symbols: collector.symbols, syntaxErrorLines };
  } finally {
    tree.delete();
  }
}
