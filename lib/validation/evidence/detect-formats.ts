import type { OutputLines } from "./output-lines";
import { codeAt } from "./parsers/indent-of";

export type TestFormat =
  | "tap"
  | "node-spec"
  | "jest"
  | "vitest"
  | "mocha"
  | "ava"
  | "pytest"
  | "go-test-json"
  | "go-test"
  | "cargo";
export type ProblemFormat = "eslint" | "tsc" | "biome" | "arrow" | "python-lint" | "go-build";
type Format = TestFormat | ProblemFormat;

const testFormatOrder: TestFormat[] = [
  "tap",
  "node-spec",
  "jest",
  "vitest",
  "mocha",
  "ava",
  "pytest",
  "go-test-json",
  "go-test",
  "cargo",
];
const problemFormatOrder: ProblemFormat[] = ["eslint", "tsc", "biome", "arrow", "python-lint", "go-build"];

// A path at the start of a line, then what tsc, flake8/ruff and the Go compiler put after it.
const pathDiagnostic =
  /^[\w./@\\-][^\s:()]*(?:(\.pyi?):\d+:\d+: [A-Z]+\d|(\.go):\d+:\d+: |\(\d+,\d+\): (?:error|warning) TS\d|:\d+:\d+ - (?:error|warning) TS\d)/;
const tapPoint = /^ *(?:not )?ok \d+\b/;
const eslintEntry = /^ +\d+:\d+ +(?:error|warning) +\S/;
const biomeHeader = /^\S+(?::\d+:\d+)? [a-z]+(?:\/[\w/]+)? .*━$|^\S+(?::\d+:\d+)? [a-z]+(?:\/[\w/]+)? ━+$/;

function endsWith(line: string, end: number, suffix: string): boolean {
  return end >= suffix.length && line.startsWith(suffix, end - suffix.length);
}

/** The character after the digits that start at `at` (-1 at the end of the line). */
function afterDigits(line: string, at: number): number {
  while (codeAt(line, at) >= 48 && codeAt(line, at) <= 57) at++;
  return codeAt(line, at);
}

/** The character after `:line:column` from `colon` on, or -1 when no such position is there. */
function afterLineAndColumn(line: string, colon: number): number {
  let at = colon;
  for (let part = 0; part < 2; part++) {
    if (codeAt(line, at) !== 58) return -1;
    const digits = ++at;
    while (codeAt(line, at) >= 48 && codeAt(line, at) <= 57) at++;
    if (at === digits) return -1;
  }
  return codeAt(line, at);
}

/**
 * The format a line marks; a pattern is tried only for a format not `found` yet, which one line
 * cannot change. `pathEnd`, when not negative, is where a path at column 0 ends, read already.
 */
function formatOf(
  line: string,
  indent: number,
  first: number,
  found: ReadonlySet<Format>,
  pathEnd: number,
): Format | undefined {
  switch (first) {
    case 111: // o
    case 110: // n
      return !found.has("tap") && tapPoint.test(line) ? "tap" : undefined;
    case 0x2139: // ℹ
      return indent === 0 && line.startsWith("ℹ tests ") ? "node-spec" : undefined;
    case 0x2716: // ✖
      return line === "✖ failing tests:" ? "node-spec" : undefined;
    case 84: // T
      // Each pattern is tried only where its words start the line (a TypeError's stack does not).
      if (indent === 0 && !found.has("jest") && line.startsWith("Tests:") && /^Tests: +\d+ /.test(line)) return "jest";
      return indent > 0 &&
        !found.has("vitest") &&
        line.startsWith("Test Files", indent) &&
        /^ +Test Files +\d+ (?:passed|failed)/.test(line)
        ? "vitest"
        : undefined;
    case 0x25cf: // ●
      return indent === 2 && codeAt(line, 3) === 32 ? "jest" : undefined;
    case 82: // R
      return indent === 1 && !found.has("vitest") && /^ RUN +v\d+\.\d+/.test(line) ? "vitest" : undefined;
    case 0x2718: // ✘
      return indent === 2 && line.startsWith("✘ [fail]: ", 2) ? "ava" : undefined;
    case 61: // =
      return indent === 0 &&
        !found.has("pytest") &&
        /^=+ (?:test session starts|short test summary info) =+$/.test(line)
        ? "pytest"
        : undefined;
    case 70: // F
      if (indent === 0 && !found.has("pytest") && /^FAILED \S+::/.test(line)) return "pytest";
      break;
    case 123: // {
      return indent === 0 &&
        !found.has("go-test-json") &&
        /^\{"(?:Time|Action)":/.test(line) &&
        line.includes('"Action":"')
        ? "go-test-json"
        : undefined;
    case 45: // -
      if (!found.has("go-test") && line.startsWith("--- ", indent) && /^ *--- (?:FAIL|PASS|SKIP): \S+ \(/.test(line))
        return "go-test";
      if (indent > 0 && !found.has("arrow") && line.startsWith("--> ", indent) && /^ *--> \S+:\d+:\d+$/.test(line))
        return "arrow";
      return undefined;
    case 116: // t
      return indent === 0 && !found.has("cargo") && /^test result: (?:ok|FAILED)\./.test(line) ? "cargo" : undefined;
    case 114: // r
      return indent === 0 && !found.has("cargo") && /^running \d+ tests?$/.test(line) ? "cargo" : undefined;
  }
  if (first >= 48 && first <= 57) {
    if (indent === 2 && !found.has("mocha") && /^ {2}\d+ (?:passing \(|failing$)/.test(line)) return "mocha";
    if (indent === 2 && !found.has("ava") && /^ {2}\d+ (?:tests? passed|known failures?)$/.test(line)) return "ava";
    // An eslint entry's line number is followed by its column (mocha's and AVA's counts by a space).
    if (indent > 0 && !found.has("eslint") && afterDigits(line, indent) === 58 && eslintEntry.test(line))
      return "eslint";
    return undefined;
  }
  if (indent === 0 && line.length < 1000) {
    if (line.charCodeAt(line.length - 1) === 0x2501)
      return !found.has("biome") && biomeHeader.test(line) ? "biome" : undefined;
    // A path runs to the first ':' or '(': most lines reach a space first and are not diagnostics.
    let end = Math.max(0, pathEnd);
    let code = codeAt(line, end);
    while (pathEnd < 0 && end < line.length && code !== 32 && code !== 58 && code !== 40 && code !== 41 && code !== 9) {
      code = codeAt(line, ++end);
    }
    if (end === 0 || (code !== 58 && code !== 40)) return undefined;
    // What the pattern could find here: after `(`, tsc; after `:line:column`, flake8/ruff or Go
    // when a `:` follows (and the file is theirs), tsc when a space does. A format found already
    // needs no pattern.
    let tsc = code === 40;
    let python = false;
    let go = false;
    if (code === 58) {
      const after = afterLineAndColumn(line, end);
      tsc = after === 32;
      python = after === 58 && (endsWith(line, end, ".py") || endsWith(line, end, ".pyi"));
      go = after === 58 && endsWith(line, end, ".go");
    }
    if (!(tsc && !found.has("tsc")) && !(python && !found.has("python-lint")) && !(go && !found.has("go-build")))
      return undefined;
    const match = pathDiagnostic.exec(line);
    if (match) return match[1] ? "python-lint" : match[2] ? "go-build" : "tsc";
  }
  return undefined;
}

/** Whether an indented line's first visible character is one formatOf looks at (the cases of its switch, digits). */
function marksIndented(first: number): boolean {
  switch (first) {
    case 111:
    case 110:
    case 0x2139:
    case 0x2716:
    case 84:
    case 0x25cf:
    case 82:
    case 0x2718:
    case 61:
    case 70:
    case 123:
    case 45:
    case 116:
    case 114:
      return true;
  }
  return first >= 48 && first <= 57;
}

const pathFormats: readonly Format[] = ["tsc", "python-lint", "go-build", "biome"];
const byFirst = new Map<number, readonly Format[]>([
  [111, ["tap"]],
  [110, ["tap"]],
  [0x2139, ["node-spec"]],
  [0x2716, ["node-spec"]],
  [84, ["jest", "vitest"]],
  [0x25cf, ["jest"]],
  [82, ["vitest"]],
  [0x2718, ["ava"]],
  [61, ["pytest"]],
  [70, ["pytest", ...pathFormats]],
  [123, ["go-test-json"]],
  [45, ["go-test", "arrow"]],
  [116, ["cargo"]],
  [114, ["cargo"]],
]);
const byDigit: readonly Format[] = ["mocha", "ava", "eslint"];

/** Whether every format a line starting with `first` could mark is found already: the line can change nothing. */
function allFound(first: number, indent: number, found: ReadonlySet<Format>): boolean {
  const formats = byFirst.get(first) ?? (first >= 48 && first <= 57 ? byDigit : indent === 0 ? pathFormats : []);
  for (const format of formats) if (!found.has(format)) return false;
  return true;
}

// What unindentedMark finds of a line at column 0.
const NO_MARK = -2;
const MAY_MARK = -1;

/**
 * Whether a line at column 0 can mark a format: NO_MARK, MAY_MARK (a character of formatOf's
 * switch, a biome header's rule), or for a path (a diagnostic) the column where it ends at a
 * `:` or `(` before any space, as formatOf reads it. Most lines of prose reach a space first
 * and are passed over without being made into strings. A digit there marks none.
 */
function unindentedMark(lines: OutputLines, index: number, first: number): number {
  if (first >= 48 && first <= 57) return NO_MARK;
  if (marksIndented(first)) return MAY_MARK;
  const length = lines.lengthOf(index);
  // formatOf reads neither a biome header nor a path in a line this long.
  if (length >= 1000) return NO_MARK;
  if (lines.codeAt(index, length - 1) === 0x2501) return MAY_MARK;
  // [\w./@\\-]: what pathDiagnostic's path starts with.
  const pathStart =
    (first >= 65 && first <= 90) ||
    (first >= 97 && first <= 122) ||
    first === 95 ||
    first === 46 ||
    first === 47 ||
    first === 64 ||
    first === 92 ||
    first === 45;
  if (!pathStart) return NO_MARK;
  let end = 0;
  let code = first;
  while (end < length && code !== 32 && code !== 58 && code !== 40 && code !== 41 && code !== 9) {
    code = lines.codeAt(index, ++end);
  }
  return code === 58 || code === 40 ? end : NO_MARK;
}

/**
 * Whether an indented line starting with a digit can mark a format: mocha's and AVA's counts
 * (indented by two) have a space after the number, an eslint entry a `:` (`12:5  error ...`).
 * A code frame's line numbers (`    14 | ...`) are neither and are not made into strings.
 */
function digitsMayMark(lines: OutputLines, index: number, indent: number): boolean {
  let end = indent;
  let code = lines.codeAt(index, end);
  while (code >= 48 && code <= 57) code = lines.codeAt(index, ++end);
  return (code === 32 && indent === 2) || (code === 58 && indent > 0);
}

/**
 * Which formats an output holds, in one pass over its lines: each line is looked at by its
 * first visible character, and a pattern is tried only where that character fits a format.
 * An indented line whose first character fits none (most of a test runner's output) is read
 * from the text without being made into a string.
 */
export function detectFormats(lines: OutputLines): { tests: TestFormat[]; problems: ProblemFormat[] } {
  const found = new Set<Format>();
  // First characters whose every format is found: once a format is found it stays found, so a
  // later line starting with one is skipped on one array read (most lines of a long output).
  const settled = new Uint8Array(0x10000);
  for (let index = 0; index < lines.length; index++) {
    const first = lines.firstCode(index);
    if (first === -1 || settled[first] === 1) continue;
    const indent = lines.indentOf(index);
    let pathEnd = MAY_MARK;
    if (indent > 0) {
      if (!marksIndented(first)) continue;
      if (first >= 48 && first <= 57 && !digitsMayMark(lines, index, indent)) continue;
    } else {
      pathEnd = unindentedMark(lines, index, first);
      if (pathEnd === NO_MARK) continue;
    }
    // An indented line with a first character of no format never gets here: allFound's answer
    // for its first character holds for every line that does.
    if (allFound(first, indent, found)) {
      settled[first] = 1;
      continue;
    }
    const format = formatOf(lines.get(index)!, indent, first, found, pathEnd);
    if (format) found.add(format);
  }
  return {
    tests: testFormatOrder.filter((format) => found.has(format)),
    problems: problemFormatOrder.filter((format) => found.has(format)),
  };
}
