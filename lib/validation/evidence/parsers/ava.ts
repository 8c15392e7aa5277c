import type { OutputLines } from "../output-lines";
import type { FailingTest } from "../types";
import { firstProjectFrame, parseLocation } from "./locations";
import { type TestReport, TestReportBuilder } from "./test-report";

const resultLine = /^ {2}(✔|✘|-) (?:\[(fail|skip|todo|expected fail)\]: )?(.+?)(?: \(\d+(?:\.\d+)?m?s\))?$/;
const totals = /^ {2}(\d+) (?:tests?|known failures?) (passed|failed|skipped|todo)/;

/** AVA's title separator is ›; evidence names use " > " for every runner. */
function nameOf(title: string): string {
  return title.split(" › ").join(" > ");
}

/**
 * AVA's default reporter: `✔ file › title` and `✘ [fail]: file › title message` lines, then
 * after a `─` rule one block per failure: the title, `file:line`, the assertion's message,
 * `Difference (- actual, + expected)` and `› file:line:column`.
 */
export function parseAva(lines: OutputLines): TestReport {
  const report = new TestReportBuilder();
  const failed: string[] = [];
  const counts: { passed?: number; failed?: number; skipped?: number } = {};
  let passed = 0;
  let rule = -1;
  for (let i = 0; i < lines.length; i++) {
    // Read by character first: most lines of a long run are neither a result nor the rule.
    if (lines.codeAt(i, 0) !== 32 || lines.codeAt(i, 1) !== 32) continue;
    const mark = lines.codeAt(i, 2);
    if (mark === 0x2500 && lines.lengthOf(i) === 3) {
      rule = i;
      break;
    }
    // ✔ ✘ -
    if (mark !== 0x2714 && mark !== 0x2718 && mark !== 45) continue;
    const line = lines.get(i)!;
    const result = resultLine.exec(line);
    if (!result) continue;
    if (result[1] === "✔") {
      passed++;
      report.pass(nameOf(result[3]!));
    } else if (result[1] === "✘" && result[2] !== "expected fail") failed.push(result[3]!);
  }
  // Details: a title line (2 spaces) that begins a failure line is that test's exact name;
  // what follows the name on its `✘` line is the assertion's message.
  const headings = new Map<string, number>();
  for (let i = rule + 1; rule >= 0 && i < lines.length; i++) {
    if (lines.codeAt(i, 0) !== 32 || lines.codeAt(i, 1) !== 32 || lines.codeAt(i, 2) === 32 || lines.lengthOf(i) < 3)
      continue;
    const line = lines.get(i)!;
    const total = totals.exec(line);
    if (total) {
      const key = total[2] === "passed" ? "passed" : total[2] === "failed" ? "failed" : "skipped";
      counts[key] = Number(total[1]);
    } else if (lines.get(i - 1) === "" && !headings.has(line.slice(2))) headings.set(line.slice(2), i);
  }
  const found: { test: FailingTest; at?: number; extra: string }[] = [];
  for (const text of failed) {
    let name = text;
    let extra = "";
    const words = text.split(" ");
    for (let n = words.length; n > 0; n--) {
      const candidate = words.slice(0, n).join(" ");
      if (headings.has(candidate)) {
        name = candidate;
        extra = words.slice(n).join(" ");
        break;
      }
    }
    found.push({ test: { name: nameOf(name) }, at: headings.get(name), extra });
  }
  // Each failure's block runs to the next failure's title (or the closing rule).
  const starts = found.flatMap((entry) => (entry.at === undefined ? [] : [entry.at])).sort((a, b) => a - b);
  for (const { test, at, extra } of found) {
    if (at !== undefined) readDetail(lines, at + 1, starts.find((start) => start > at) ?? lines.length, test, extra);
    else if (extra) test.message = extra;
    report.fail(test);
  }
  if (counts.passed === undefined && passed > 0) counts.passed = passed;
  report.counts = counts;
  return report.build();
}

/** A failure's block, lines `from` to `to` (exclusive), read up to the closing rule: the last block runs on to it. */
function readDetail(lines: OutputLines, from: number, to: number, test: FailingTest, extra: string): void {
  const message: string[] = extra ? [extra] : [];
  const frames: string[] = [];
  let diff: string[] | undefined;
  let dump = -1;
  for (let i = from; i < to; i++) {
    const line = lines.get(i)!;
    if (line === "  ─") break;
    const trimmed = line.trim();
    const indent = line.length - line.trimStart().length;
    if (dump >= 0) {
      // An error printed as an object (`TypeError { message: ... }`): the same error follows as text.
      if (trimmed === "}" && indent === dump) dump = -1;
    } else if (/^[A-Z][\w$]* \{$/.test(trimmed) && !diff) dump = indent;
    else if (trimmed.startsWith("› ")) test.location = parseLocation(trimmed.slice(2)) ?? test.location;
    else if (/^\S+:\d+$/.test(trimmed)) test.location ??= parseLocation(trimmed);
    else if (trimmed.startsWith("Difference (")) diff = [];
    else if (trimmed.startsWith("at ")) frames.push(trimmed);
    else if (/^\d+: /.test(trimmed)) {
      // the code frame
    } else if (diff) {
      if (trimmed !== "") diff.push(line.slice(2));
    } else if (trimmed !== "" && trimmed !== extra && trimmed !== `${extra}:`) message.push(trimmed);
  }
  if (diff) {
    const removed = diff.filter((line) => line.startsWith("- "));
    const added = diff.filter((line) => line.startsWith("+ "));
    if (diff.length === 2 && removed.length === 1 && added.length === 1) {
      test.actual = removed[0]!.slice(2);
      test.expected = added[0]!.slice(2);
    } else message.push(`Difference (- actual, + expected):\n${diff.join("\n")}`);
  }
  if (message.length > 0) test.message = message.join("\n");
  const frame = firstProjectFrame(frames);
  if (frame && !test.location) test.location = frame;
}
