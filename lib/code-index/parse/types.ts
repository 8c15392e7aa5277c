// What parsing a source file gives: its symbols with line ranges (1-based, inclusive) and
// where tree-sitter found syntax errors. Shared by the code index and the reviews.

/** Languages parsed with tree-sitter; other text files are indexed as plain text. */
export const codeLanguages = ["typescript", "tsx", "javascript", "python", "go"] as const;
export type CodeLanguage = (typeof codeLanguages)[number];

export type SymbolKind =
  | "function"
  | "method"
  | "class"
  | "interface"
  | "type"
  | "enum"
  | "struct"
  | "variable"
  | "constant"
  | "namespace";

export type ParsedSymbol = {
  name: string;
  kind: SymbolKind;
  /** The class, struct or namespace it belongs to (a method's class, a Go method's receiver type). */
  container: string | null;
  /** Part of the module's interface: `export`ed (JS/TS), capitalised (Go), not `_private` (Python). */
  exported: boolean;
  startLine: number;
  endLine: number;
  /** Where the comments right above it start (its doc comment), when there are any. */
  docStartLine?: number;
  /** Its first line, trimmed. */
  signature: string;
  /** Index in the file's list of the symbol it is nested in (a method's class). */
  parent?: number;
};

export type ParsedFile = {
  language: CodeLanguage;
  symbols: ParsedSymbol[];
  /** Lines (1-based) where tree-sitter found syntax errors; the symbols around them may be missing. */
  syntaxErrorLines: number[];
};
