// Parsing shared by the code index and the reviews: tree-sitter symbols with line ranges.
export { languageOf } from "./language-of";
export { parseSource } from "./parse-source";
export type { CodeLanguage, ParsedFile, ParsedSymbol, SymbolKind } from "./types";
