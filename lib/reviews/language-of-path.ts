// The language of a changed file by its extension or name (after GitHub Linguist's names, the common ones).

const languages: Record<string, string> = {
  ts: "TypeScript",
  mts: "TypeScript",
  cts: "TypeScript",
  tsx: "TSX",
  js: "JavaScript",
  mjs: "JavaScript",
  cjs: "JavaScript",
  jsx: "JavaScript",
  py: "Python",
  pyi: "Python",
  go: "Go",
  rs: "Rust",
  java: "Java",
  kt: "Kotlin",
  rb: "Ruby",
  php: "PHP",
  cs: "C#",
  c: "C",
  h: "C",
  cc: "C++",
  cpp: "C++",
  hpp: "C++",
  swift: "Swift",
  scala: "Scala",
  sh: "Shell",
  bash: "Shell",
  css: "CSS",
  scss: "SCSS",
  html: "HTML",
  vue: "Vue",
  svelte: "Svelte",
  sql: "SQL",
  md: "Markdown",
  mdx: "MDX",
  json: "JSON",
  yml: "YAML",
  yaml: "YAML",
  toml: "TOML",
  xml: "XML",
};

const byName: Record<string, string> = { Dockerfile: "Dockerfile", Makefile: "Makefile", "go.mod": "Go Module" };

export function languageOfPath(path: string): string | null {
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (byName[name]) return byName[name];
  const dot = name.lastIndexOf(".");
  return dot > 0 ? (languages[name.slice(dot + 1).toLowerCase()] ?? null) : null;
}
