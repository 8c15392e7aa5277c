import type { OutputLines } from "../output-lines";
import type { FailingTest } from "../types";
import { firstProjectFrame, frameLocation, parseLocation } from "./locations";
import { codeAt } from "./indent-of";
import { skipYamlBlock } from "./skip-yaml-block";
import { readTapPoint } from "./tap-point";
import { readYamlBlock, type YamlField } from "./tap-yaml";
import { type TestReport, TestReportBuilder } from "./test-report";

// Summary comments of tape and node:test, not test names.
const footer =
  /^# (?:(?:tests|suites|pass|fail|cancelled|skipped|skip|todo|duration_ms) +[\d.]+|ok|failed \d+ of \d+ tests)$/;
const crashLine = /^(?:Uncaught )?[A-Za-z_$][\w$.]*(?:Error|Exception)\b(?: \[[^\]]*\])?:? /;

const noFields: Map<string, YamlField> = new Map();

type Group = { name: string; failure?: FailingTest; failures: number; passes: number };
type Subtest = { indent: number; name: string; hasChildren: boolean; isFile: boolean };

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Whether line `index` holds a plan (`1..N`) at `column`, read by its characters. */
function isPlan(lines: OutputLines, index: number, column: number): boolean {
  let at = column;
  while (isDigit(lines.codeAt(index, at))) at++;
  return (
    at > column &&
    lines.codeAt(index, at) === 46 &&
    lines.codeAt(index, at + 1) === 46 &&
    isDigit(lines.codeAt(index, at + 2))
  );
}

/** Test files wrapped as subtests (node:test before 22) are not part of a test's name. */
function isFileSegment(name: string): boolean {
  return /\.[cm]?[jt]sx?$/.test(name) && (name.startsWith("/") || name.includes("/"));
}

/** A test's name: the subtests it is nested in (test files aside), then its own. */
function pathOf(stack: readonly Subtest[], indent: number, own: string): string {
  let path = "";
  for (const entry of stack) {
    if (entry.indent >= indent || entry.isFile || !entry.name) continue;
    path = path ? `${path} > ${entry.name}` : entry.name;
  }
  if (!own || isFileSegment(own)) return path;
  return path ? `${path} > ${own}` : own;
}

/** The file that defines a test, from node:test's `location` (a test's own file, wherever it threw). */
function originOf(fields: Map<string, YamlField>): string | undefined {
  const location = fields.get("location")?.text;
  return location ? parseLocation(location)?.file : undefined;
}

function splitDirective(description: string): { title: string; directive?: string } {
  const hash = description.includes(" # ") ? description.search(/ # (?:SKIP|TODO)\b/i) : -1;
  if (hash < 0) return { title: description };
  return { title: description.slice(0, hash), directive: description.slice(hash + 3).toUpperCase() };
}

function failureOf(name: string, description: string, fields: Map<string, YamlField>): FailingTest {
  const test: FailingTest = { name };
  const error = fields.get("error")?.text.trim();
  const errorName = fields.get("name")?.text;
  if (error) test.message = errorName && errorName !== "AssertionError" ? `${errorName}: ${error}` : error;
  // Plain TAP's description is the test's name, not a message.
  else if (description && !name.endsWith(description)) test.message = description;
  const expected = fields.get("expected")?.raw;
  const actual = fields.get("actual")?.raw;
  if (expected !== undefined) test.expected = expected;
  if (actual !== undefined) test.actual = actual;
  const at = fields.get("at")?.text;
  const stack = fields.get("stack")?.text.split("\n") ?? [];
  const location =
    (at ? frameLocation(at) : undefined) ??
    firstProjectFrame(stack.filter((line) => !/^\s*(?:\w*Error|Error)\b.*:/.test(line))) ??
    (fields.get("location") ? parseLocation(fields.get("location")!.text) : undefined);
  if (location) test.location = location;
  return test;
}

/**
 * TAP 13/14 as tape and node:test (`--test-reporter=tap`) print it. tape names its tests with
 * `# name` comments and numbers assertions under them: the assertions belong to that test.
 * node:test announces each test with `# Subtest: name` and indents subtests by four spaces;
 * a parent that failed only because a subtest failed is not itself a failing test.
 */
export function parseTap(lines: OutputLines): TestReport {
  const report = new TestReportBuilder();
  const groups: Group[] = [];
  const described = new Set<string>();
  // Parents whose failure was read once: a repeated run's need not be read again.
  const parentsSeen = new Set<string>();
  let group: Group | undefined;
  const stack: Subtest[] = [];
  let lastTapLine = -1;
  let planned = false;
  // tape names a test before its first assertion; a producer whose first test point comes
  // before any comment (bats, plain TAP) prints comments as diagnostics after a failure.
  let tapeMode: boolean | undefined;
  let lastPlainFailure: FailingTest | undefined;
  let passed = 0;
  let failed = 0;
  let skipped = 0;

  for (let i = 0; i < lines.length; i++) {
    const start = lines.indentOf(i);
    const first = lines.firstCode(i);
    // Only `#` comments, `1..N` plans and `ok`/`not ok` test points matter: other lines are not
    // made into strings, and plans are read by their characters.
    if (first >= 48 && first <= 57) {
      if (isPlan(lines, i, start)) {
        if (start === 0) planned = true;
        lastTapLine = i;
      }
      continue;
    }
    if (first !== 35 && first !== 111 && first !== 110) continue;
    // Made a string here: the string's own startsWith costs less than reading the text through OutputLines.
    const line = lines.get(i)!;
    if (first === 35) {
      if (!line.startsWith("# ", start)) continue;
      // A plain TAP comment with no failure to describe (most of bats' output) is passed over.
      if (start === 0 && tapeMode === false && !lastPlainFailure && !line.startsWith("# Subtest: ")) {
        lastTapLine = i;
        continue;
      }
      const trimmed = start === 0 ? line : line.slice(start);
      const indent = start;
      if (trimmed.startsWith("# Subtest: ")) {
        while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
        if (stack.length > 0) stack[stack.length - 1]!.hasChildren = true;
        const name = trimmed.slice(11).trim();
        stack.push({ indent, name, hasChildren: false, isFile: isFileSegment(name) });
      } else if (indent === 0 && tapeMode === false) {
        if (lastPlainFailure && !footer.test(trimmed)) {
          const text = trimmed.slice(2).trim();
          lastPlainFailure.message = lastPlainFailure.message ? `${lastPlainFailure.message}\n${text}` : text;
          // bats: `# (in test file test/x.bats, line 12)`.
          const at = /^\(in test file (.+), line (\d+)\)$/.exec(text);
          if (at) lastPlainFailure.location ??= { file: at[1]!, line: Number(at[2]) };
        }
      } else if (indent === 0 && !footer.test(trimmed)) {
        group = { name: trimmed.slice(2).trim(), failures: 0, passes: 0 };
        groups.push(group);
        planned = false;
      }
      lastTapLine = i;
      continue;
    }
    if (!line.startsWith("ok", start) && !line.startsWith("not ok", start)) continue;
    // Passing test points at the top level, most of a TAP stream: tape counts them for the
    // test named above them; plain TAP's description is the test's name.
    if (start === 0 && stack.length === 0 && line.startsWith("ok ") && !line.includes(" # ")) {
      if (!lines.startsWith(i + 1, "  ---")) {
        lastTapLine = i;
        if (group && tapeMode !== false) {
          group.passes++;
          continue;
        }
        if (tapeMode === false) {
          let at = 3;
          while (at < line.length && codeAt(line, at) >= 48 && codeAt(line, at) <= 57) at++;
          const name = line.slice(line.startsWith(" - ", at) ? at + 3 : at + 1).trim();
          if (name) {
            passed++;
            report.pass(name);
            lastPlainFailure = undefined;
            continue;
          }
        }
      }
    }
    const point = readTapPoint(line);
    if (!point) continue;
    lastTapLine = i;
    const { indent, ok } = point;
    if (indent === 0 && tapeMode === undefined) tapeMode = group !== undefined;
    lastPlainFailure = undefined;
    const { title, directive } = splitDirective(point.description.trim());
    const subtest = stack.length > 0 && stack[stack.length - 1]!.indent === indent ? stack.pop() : undefined;
    const tapeAssertion = subtest === undefined && group !== undefined && indent === 0;
    // node:test (or plain TAP): each test point is a test; its name is the path of subtests.
    const path = tapeAssertion ? "" : pathOf(stack, indent, title || subtest?.name || "");
    // The diagnostics block matters for a failure not described yet (a repeated run's is skipped).
    const wantsDetails =
      !ok &&
      (tapeAssertion
        ? !group!.failure && !described.has(group!.name)
        : subtest?.hasChildren
          ? !parentsSeen.has(path)
          : !report.get(path)?.message);
    let fields = noFields;
    let origin: string | undefined;
    const dashes = i + 1 < lines.length ? lines.indentOf(i + 1) : 0;
    if (dashes > indent && lines.startsWith(i + 1, "---", dashes) && lines.lengthOf(i + 1) === dashes + 3) {
      // Not needed (a pass's durations, a failure described already): skip to the block's end,
      // unless the failure comes from another file than the one of that name seen before.
      const skipped = wantsDetails ? undefined : skipYamlBlock(lines, i + 2, dashes);
      const elsewhere =
        !ok && !tapeAssertion && !subtest?.hasChildren && skipped?.origin !== undefined
          ? report.isNew(path, skipped.origin)
          : false;
      if (skipped && !elsewhere) i = skipped.end;
      else {
        const block = readYamlBlock(lines, i + 2, dashes);
        fields = block.fields;
        origin = originOf(fields);
        i = block.end;
      }
      lastTapLine = i;
    }

    if (!tapeAssertion) {
      if (subtest?.hasChildren) {
        if (wantsDetails) parentsSeen.add(path);
        if (wantsDetails && fields.get("failureType")?.text !== "subtestsFailed" && !report.has(path)) {
          // A parent that failed on its own (a hook, an error after its subtests ran).
          report.fail(failureOf(path, "", fields));
        }
        continue;
      }
      if (directive?.startsWith("SKIP") || (directive?.startsWith("TODO") && !ok)) skipped++;
      else if (ok) {
        passed++;
        report.pass(path);
      } else {
        failed++;
        const failure = fields !== noFields ? failureOf(path, title, fields) : { name: path };
        report.fail(failure, origin);
        // Its diagnostics follow as comments; a failure described before keeps its own.
        if (tapeMode === false && indent === 0 && wantsDetails) lastPlainFailure = report.get(path, origin);
      }
      continue;
    }
    if (!group) continue;
    // tape: an assertion of the current `# name` test.
    if (directive?.startsWith("SKIP") || (directive?.startsWith("TODO") && !ok)) continue;
    if (ok) group.passes++;
    else {
      group.failures++;
      if (!group.failure) {
        // A test name seen failing before (a repeated run) keeps its first failure's details.
        group.failure = described.has(group.name) ? { name: group.name } : failureOf(group.name, title, fields);
        described.add(group.name);
      } else if (group.failures === 2 && group.failure.message)
        group.failure.message = `${group.failure.message}\n(and more failing assertions)`;
    }
  }

  // A tape stream that stops without its plan: the process died during the last test.
  if (groups.length > 0 && !planned && group && group.failures === 0) {
    const rest = lines.slice(lastTapLine + 1, lastTapLine + 200);
    const crash = rest.find((line) => crashLine.test(line));
    if (crash) {
      group.failures++;
      const at = rest.indexOf(crash);
      group.failure = { name: group.name, message: crash.trim() };
      const location = firstProjectFrame(rest.slice(at + 1, at + 20).filter((line) => line.trim().startsWith("at ")));
      if (location) group.failure.location = location;
    }
  }
  for (const entry of groups) {
    if (entry.failure) {
      failed++;
      report.fail(entry.failure);
    } else if (entry.passes > 0) {
      passed++;
      report.pass(entry.name);
    }
  }
  report.counts = { passed, failed, skipped };
  return report.build();
}
