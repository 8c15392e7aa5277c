import type { Ecosystem } from "@/lib/reviews/types";

/** A dependency as a manifest or lockfile names it, with the 1-based line of its version. */
export type DeclaredDependency = { ecosystem: Ecosystem; name: string; version: string; line: number | null };

const npmSections = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"];

function lineOf(lines: string[], from: number, pattern: (line: string) => boolean): number | null {
  for (let i = Math.max(0, from); i < lines.length; i++) if (pattern(lines[i]!)) return i + 1;
  return null;
}

function parseJson(content: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(content);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function packageJson(content: string): DeclaredDependency[] {
  const json = parseJson(content);
  if (!json) return [];
  const lines = content.split("\n");
  const found: DeclaredDependency[] = [];
  for (const section of npmSections) {
    const entries = json[section];
    if (!entries || typeof entries !== "object") continue;
    const start = (lineOf(lines, 0, (line) => line.includes(`"${section}"`)) ?? 1) - 1;
    for (const [name, version] of Object.entries(entries as Record<string, unknown>)) {
      if (typeof version !== "string") continue;
      found.push({ ecosystem: "npm", name, version, line: lineOf(lines, start, (line) => line.includes(`"${name}"`)) });
    }
  }
  return found;
}

function packageLock(content: string): DeclaredDependency[] {
  const json = parseJson(content);
  if (!json) return [];
  const lines = content.split("\n");
  const found: DeclaredDependency[] = [];
  const packages = json.packages as Record<string, { version?: string }> | undefined;
  if (packages) {
    for (const [key, entry] of Object.entries(packages)) {
      const at = key.lastIndexOf("node_modules/");
      if (at < 0 || typeof entry?.version !== "string") continue;
      const keyLine = lineOf(lines, 0, (line) => line.includes(`"${key}"`));
      const line = keyLine === null ? null : lineOf(lines, keyLine, (text) => text.includes('"version"'));
      found.push({ ecosystem: "npm", name: key.slice(at + "node_modules/".length), version: entry.version, line });
    }
    return found;
  }
  // lockfileVersion 1: nested "dependencies" with "version".
  const walk = (deps: unknown) => {
    if (!deps || typeof deps !== "object") return;
    for (const [name, entry] of Object.entries(deps as Record<string, { version?: string; dependencies?: unknown }>)) {
      if (typeof entry?.version === "string") {
        const keyLine = lineOf(lines, 0, (line) => line.includes(`"${name}": {`));
        const line = keyLine === null ? null : lineOf(lines, keyLine, (text) => text.includes('"version"'));
        found.push({ ecosystem: "npm", name, version: entry.version, line });
      }
      walk(entry?.dependencies);
    }
  };
  walk(json.dependencies);
  return found;
}

function requirements(content: string): DeclaredDependency[] {
  const found: DeclaredDependency[] = [];
  content.split("\n").forEach((raw, index) => {
    const match = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*(==|>=|~=|===)\s*([0-9][^\s;#,]*)/.exec(raw);
    if (match)
      found.push({
        ecosystem: "PyPI",
        name: match[1]!.toLowerCase().replace(/[._]/g, "-"),
        version: match[3]!,
        line: index + 1,
      });
  });
  return found;
}

function goMod(content: string): DeclaredDependency[] {
  const found: DeclaredDependency[] = [];
  let inBlock = false;
  content.split("\n").forEach((raw, index) => {
    const line = raw.replace(/\/\/.*$/, "").trim();
    if (/^require\s*\($/.test(line)) inBlock = true;
    else if (inBlock && line === ")") inBlock = false;
    const match = (inBlock ? /^(\S+)\s+(v\S+)$/ : /^require\s+(\S+)\s+(v\S+)$/).exec(line);
    if (match) found.push({ ecosystem: "Go", name: match[1]!, version: match[2]!, line: index + 1 });
  });
  return found;
}

/** The dependencies declared in a manifest or lockfile (empty for files it cannot read). */
export function readDependencies(path: string, content: string): DeclaredDependency[] {
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (name === "package.json") return packageJson(content);
  if (name === "package-lock.json" || name === "npm-shrinkwrap.json") return packageLock(content);
  if (name === "go.mod") return goMod(content);
  if (/^requirements[^/]*\.txt$/.test(name)) return requirements(content);
  return [];
}
