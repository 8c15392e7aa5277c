import type { Syntax } from "refractor/core";

// Prism grammars by file extension, imported only when a diff shows such a file, so the
// page does not ship every language.
const loaders: Record<string, () => Promise<{ default: Syntax }>> = {
  js: () => import("refractor/javascript"),
  mjs: () => import("refractor/javascript"),
  cjs: () => import("refractor/javascript"),
  jsx: () => import("refractor/jsx"),
  ts: () => import("refractor/typescript"),
  mts: () => import("refractor/typescript"),
  tsx: () => import("refractor/tsx"),
  json: () => import("refractor/json"),
  css: () => import("refractor/css"),
  scss: () => import("refractor/scss"),
  html: () => import("refractor/markup"),
  md: () => import("refractor/markdown"),
  py: () => import("refractor/python"),
  sh: () => import("refractor/bash"),
  yml: () => import("refractor/yaml"),
  yaml: () => import("refractor/yaml"),
  go: () => import("refractor/go"),
  rs: () => import("refractor/rust"),
  java: () => import("refractor/java"),
  rb: () => import("refractor/ruby"),
  sql: () => import("refractor/sql"),
};

/** What react-diff-view's tokenize calls: the refractor 2 API, highlight() answering an array of nodes. */
export type DiffHighlighter = {
  refractor: { highlight: (text: string, language: string) => unknown[] };
  language: string;
};

/**
 * A highlighter for a file path, or null when its language is not known. refractor 5's
 * highlight answers a hast root; tokenize wants the root's children, as refractor 2 gave.
 */
export async function loadHighlighter(path: string): Promise<DiffHighlighter | null> {
  const extension = path.split("/").at(-1)?.split(".").at(-1)?.toLowerCase() ?? "";
  const loader = loaders[extension];
  if (!loader) return null;
  const [{ refractor }, { default: syntax }] = await Promise.all([import("refractor/core"), loader()]);
  refractor.register(syntax);
  return {
    refractor: { highlight: (text, language) => refractor.highlight(text, language).children },
    language: syntax.displayName,
  };
}
