import { cleanOutput } from "./clean-output";
import type { OutputLines } from "./output-lines";
import { detectFormats, type ProblemFormat, type TestFormat } from "./detect-formats";
import { failureExcerpt } from "./failure-excerpt";
import { stripControls } from "./strip-controls";
import { parseAva } from "./parsers/ava";
import { parseCargoTest } from "./parsers/cargo-test";
import { parseGoTest } from "./parsers/go-test";
import { parseGoTestJson } from "./parsers/go-test-json";
import { parseJest } from "./parsers/jest";
import { parseJunitXml } from "./parsers/junit-xml";
import { parseMocha } from "./parsers/mocha";
import { parseNodeSpec } from "./parsers/node-spec";
import { parsePytest } from "./parsers/pytest";
import { parseTap } from "./parsers/tap";
import type { TestReport } from "./parsers/test-report";
import { parseVitest } from "./parsers/vitest";
import { parseArrowDiagnostics } from "./problems/arrow-diagnostics";
import { parseBiome } from "./problems/biome";
import { parseEslintStylish } from "./problems/eslint-stylish";
import { parseGoBuild } from "./problems/go-build";
import { parsePythonLint } from "./problems/python-lint";
import { parseTsc } from "./problems/tsc";
import type { FailingTest, ParsedOutput, Problem, SourceLocation, TestCounts } from "./types";

const testParsers: Record<TestFormat, (lines: OutputLines) => TestReport> = {
  tap: parseTap,
  "node-spec": parseNodeSpec,
  jest: parseJest,
  vitest: parseVitest,
  mocha: parseMocha,
  ava: parseAva,
  pytest: parsePytest,
  "go-test-json": parseGoTestJson,
  "go-test": parseGoTest,
  cargo: parseCargoTest,
};

const problemParsers: Record<ProblemFormat, (lines: OutputLines) => Problem[]> = {
  eslint: parseEslintStylish,
  tsc: parseTsc,
  biome: parseBiome,
  arrow: parseArrowDiagnostics,
  "python-lint": (lines) => parsePythonLint(lines, endsLikeRuff(lines)),
  "go-build": parseGoBuild,
};

/** ruff ends with `Found N errors.`: looked for in the last 20,000 characters of the output. */
function endsLikeRuff(lines: OutputLines): boolean {
  let chars = 0;
  for (let i = lines.length - 1; i >= 0 && chars < 20_000; i--) {
    const line = lines.get(i)!;
    if (line.startsWith("Found ") && /^Found \d+ errors?\.$/.test(line)) return true;
    chars += line.length + 1;
  }
  return false;
}

// Beyond this, more problems tell the reader nothing new (the rendering shows 30).
const MAX_PROBLEMS = 1000;

/** Names compared across reports: a JUnit report may flatten `a > b > c` into `a b c`. */
function looseName(name: string): string {
  return name.replace(/ (?:>|›) |::|\s+/g, " ").trim();
}

/** Whether two reports' locations can be of one test: unknown, or one file (a report may give it relative). */
function sameFile(a: SourceLocation | undefined, b: SourceLocation | undefined): boolean {
  if (!a || !b || a.file === b.file) return true;
  const [longer, shorter] = a.file.length > b.file.length ? [a.file, b.file] : [b.file, a.file];
  return longer.endsWith(`/${shorter.replace(/^\.\//, "")}`);
}

function addCounts(total: TestCounts | undefined, more: TestCounts | undefined): TestCounts | undefined {
  if (!more) return total;
  if (!total) return { ...more };
  const sum = (a?: number, b?: number) => (a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0));
  return {
    passed: sum(total.passed, more.passed),
    failed: sum(total.failed, more.failed),
    skipped: sum(total.skipped, more.skipped),
  };
}

function cleanTest(test: FailingTest): FailingTest {
  const clean: FailingTest = { name: stripControls(test.name) };
  if (test.message !== undefined) clean.message = stripControls(test.message);
  if (test.expected !== undefined) clean.expected = stripControls(test.expected);
  if (test.actual !== undefined) clean.actual = stripControls(test.actual);
  if (test.location) clean.location = { ...test.location, file: stripControls(test.location.file) };
  return clean;
}

function withoutUndefined(counts: TestCounts | undefined): TestCounts | undefined {
  if (!counts) return undefined;
  const kept = Object.fromEntries(Object.entries(counts).filter(([, value]) => value !== undefined));
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/**
 * The failing and passing tests, lint and type-check problems of one command's output, by
 * what the output looks like; JUnit XML reports, when the runner wrote them, add what the
 * console did not print (passing names, above all). An output that holds several tools'
 * output (`npm test` running eslint, then tape) yields all of it. When nothing is found,
 * `excerpt` holds the lines around the first failure marker.
 */
export function parseTestOutput(output: string, options: { junitReports?: string[] } = {}): ParsedOutput {
  const { lines } = cleanOutput(output);
  const detected = detectFormats(lines);
  const failing = new Map<string, FailingTest[]>();
  const failingInOrder: FailingTest[] = [];
  const passing = new Set<string>();
  let counts: TestCounts | undefined;
  // Names by their loose form, to match a JUnit report's names with the console's.
  let loose: Map<string, string> | undefined;
  const knownAs = (name: string) => {
    if (!loose) {
      loose = new Map();
      for (const known of [...failing.keys(), ...passing]) loose.set(looseName(known), known);
    }
    return loose.get(looseName(name));
  };

  const merge = (report: TestReport, preferKnownNames: boolean) => {
    // A report lists a name twice only for two tests (node:test's same name in two files):
    // each is matched to one test of that name found before, of the same file if there is one.
    const added = new Set<FailingTest>();
    const matched = new Set<FailingTest>();
    for (const test of report.failing) {
      const name = (preferKnownNames && knownAs(test.name)) || test.name;
      const entries = failing.get(name) ?? [];
      const earlier = entries.filter((entry) => !added.has(entry) && !matched.has(entry));
      const known = earlier.find((entry) => sameFile(entry.location, test.location)) ?? earlier[0];
      if (known) {
        matched.add(known);
        known.message ??= test.message;
        known.expected ??= test.expected;
        known.actual ??= test.actual;
        known.location ??= test.location;
      } else {
        const entry = name === test.name ? test : { ...test, name };
        entries.push(entry);
        failingInOrder.push(entry);
        added.add(entry);
        failing.set(name, entries);
      }
      passing.delete(name);
      loose?.set(looseName(name), name);
    }
    for (const test of report.passing) {
      const name = (preferKnownNames && knownAs(test)) || test;
      // A console that printed only the test's own name (vitest's default reporter) gives way to the report's full name.
      const leaf = name.slice(name.lastIndexOf(" > ") + 3);
      if (preferKnownNames && leaf !== name && passing.has(leaf)) passing.delete(leaf);
      if (!failing.has(name)) passing.add(name);
      loose?.set(looseName(name), name);
    }
  };

  const testFormats: string[] = [];
  for (const format of detected.tests) {
    const report = testParsers[format](lines);
    if (report.failing.length === 0 && report.passing.length === 0 && !report.counts?.failed) continue;
    testFormats.push(format);
    merge(report, false);
    counts = addCounts(counts, report.counts);
  }
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const format of detected.problems) {
    for (const problem of problemParsers[format](lines)) {
      if (problems.length >= MAX_PROBLEMS) break;
      const key = `${problem.tool}\0${problem.file}\0${problem.line}\0${problem.column}\0${problem.rule}\0${problem.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(problem);
    }
  }
  // Problem formats are named by their tools (ruff and flake8 share a format; rustc and ruff another).
  const formats = [
    ...new Set(problems.map((problem) => (problem.tool === "go" ? "go-build" : problem.tool))),
    ...testFormats,
  ];
  for (const xml of options.junitReports ?? []) {
    const report = parseJunitXml(xml);
    if (report.failing.length === 0 && report.passing.length === 0) continue;
    merge(report, true);
    if (testFormats.length === 0) counts = addCounts(counts, report.counts);
    formats.push("junit");
  }

  const parsed: ParsedOutput = {
    format: formats.filter(Boolean).join("+") || "unknown",
    failing: failingInOrder.map(cleanTest),
    passing: [...passing].map(stripControls),
    problems: problems.map((problem) => ({
      ...problem,
      file: stripControls(problem.file),
      message: stripControls(problem.message),
    })),
  };
  const total = withoutUndefined(counts);
  if (total) parsed.counts = total;
  if (parsed.failing.length === 0 && problems.length === 0) parsed.excerpt = stripControls(failureExcerpt(lines));
  return parsed;
}
