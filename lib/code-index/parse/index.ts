// Parsing shared by the code index and the reviews: tree-sitter symbols with line ranges, and
// the cyclomatic complexity of functions (lib/reviews), from grammars loaded once.
export { languageOf } from "./language-of";
export { parseSource } from "./parse-source";
export type { CodeLanguage, ParsedFile, ParsedSymbol, SymbolKind } from "./types";
export { type FunctionComplexity, functionComplexity } from "./function-complexity";
