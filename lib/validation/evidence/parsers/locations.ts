import type { SourceLocation } from "../types";

function toInt(text: string): number | undefined {
  if (text === "" || text.length > 9) return undefined;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return undefined;
  }
  return Number(text);
}

/**
 * `file:line:column`, `file:line` or `file(line,column)` as runners print them, read with
 * string operations (no regex can backtrack on a long line). A `file://` URL becomes a path.
 */
export function parseLocation(text: string): SourceLocation | undefined {
  let spec = text.trim();
  if (spec.startsWith("file://")) spec = spec.slice(7);
  if (spec.endsWith(")") && spec.includes("(")) {
    const open = spec.lastIndexOf("(");
    const [line, column] = spec.slice(open + 1, -1).split(",");
    const lineNumber = toInt(line ?? "");
    if (lineNumber !== undefined && open > 0)
      return { file: spec.slice(0, open), line: lineNumber, column: toInt(column ?? "") };
    return undefined;
  }
  const last = spec.lastIndexOf(":");
  if (last <= 0) return undefined;
  const tail = toInt(spec.slice(last + 1));
  if (tail === undefined) return undefined;
  const before = spec.lastIndexOf(":", last - 1);
  const middle = before > 0 ? toInt(spec.slice(before + 1, last)) : undefined;
  if (middle !== undefined) return { file: spec.slice(0, before), line: middle, column: tail };
  return { file: spec.slice(0, last), line: tail };
}

/** A frame of the runner's own code, of a dependency or of the runtime: not where the project failed. */
function isForeignFrame(file: string): boolean {
  return (
    file.startsWith("node:") ||
    file.includes("/node_modules/") ||
    file.startsWith("internal/") ||
    file.includes("/usr/lib/go") ||
    file.includes("/rustc/") ||
    file === "<anonymous>" ||
    file === "native"
  );
}

/** The location in one stack frame: `at fn (file:1:2)`, `at file:1:2`, `fn (file:1:2)` (node:test's YAML). */
export function frameLocation(frame: string): SourceLocation | undefined {
  let text = frame.trim();
  if (text.startsWith("at ")) text = text.slice(3);
  if (text.endsWith(")") && text.includes(" (")) text = text.slice(text.lastIndexOf("(") + 1, -1);
  else if (text.includes(" ")) text = text.slice(text.lastIndexOf(" ") + 1);
  const location = parseLocation(text);
  return location && !isForeignFrame(location.file) ? location : undefined;
}

/** The innermost frame in the project's own code, among stack lines. */
export function firstProjectFrame(lines: readonly string[]): SourceLocation | undefined {
  for (const line of lines) {
    const location = frameLocation(line);
    if (location) return location;
  }
  return undefined;
}
