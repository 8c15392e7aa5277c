import { createRequire } from "node:module";
import path from "node:path";
import { Language, Parser } from "web-tree-sitter";
import type { CodeLanguage } from "./types";

// The grammar packages' own prebuilt .wasm files (checked to load under web-tree-sitter 0.27;
// tree-sitter-wasms' builds do not). TSX is a grammar of its own in tree-sitter-typescript.
const grammarFiles: Record<CodeLanguage, string> = {
  typescript: "tree-sitter-typescript/tree-sitter-typescript.wasm",
  tsx: "tree-sitter-typescript/tree-sitter-tsx.wasm",
  javascript: "tree-sitter-javascript/tree-sitter-javascript.wasm",
  python: "tree-sitter-python/tree-sitter-python.wasm",
  go: "tree-sitter-go/tree-sitter-go.wasm",
};

// Resolved from the project's root, not from this module: in the Next.js server bundle this
// module's own location is a build chunk, which has no node_modules beside it.
const resolveFromRoot = createRequire(path.join(process.cwd(), "package.json")).resolve;

let initialized: Promise<void> | null = null;
const languages = new Map<CodeLanguage, Promise<Language>>();
const parsers = new Map<CodeLanguage, Parser>();

async function loadLanguage(language: CodeLanguage): Promise<Language> {
  initialized ??= Parser.init({ locateFile: () => resolveFromRoot("web-tree-sitter/web-tree-sitter.wasm") });
  await initialized;
  return Language.load(resolveFromRoot(grammarFiles[language]));
}

/** A parser for `language`, loaded once per thread and reused (parsing is synchronous, so one is enough). */
export async function loadParser(language: CodeLanguage): Promise<Parser> {
  const ready = parsers.get(language);
  if (ready) return ready;
  let loading = languages.get(language);
  if (!loading) {
    loading = loadLanguage(language);
    languages.set(language, loading);
    // A failed load (a missing package) is retried by the next caller rather than cached.
    loading.catch(() => languages.delete(language));
  }
  const loaded = await loading;
  const parser = parsers.get(language) ?? new Parser();
  parser.setLanguage(loaded);
  parsers.set(language, parser);
  return parser;
}
