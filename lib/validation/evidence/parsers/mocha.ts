import type { OutputLines } from "../output-lines";
import type { FailingTest } from "../types";
import { firstProjectFrame } from "./locations";
import { SuiteStack } from "./suite-stack";
import { type TestReport, TestReportBuilder } from "./test-report";

const passing = /^ {2}(\d+) passing \(/;
const failingCount = /^ {2}(\d+) failing$/;
const pendingCount = /^ {2}(\d+) pending$/;
const treeTest = /^( +)(?:(✔|✓)|(\d+)\)|-) (.+?)(?: \(\d+ms\))?$/;
const detailHead = /^ {2}(\d+)\) (.*)$/;

/**
 * Mocha's spec reporter: a tree of describe titles and tests by indentation (`✔ test`,
 * `1) test` for a failure, `- test` pending), the `N passing / N failing` summary, then one
 * numbered block per failure with its title path, error, diff and stack. The tree is
 * indented throughout: a line at column 0 (npm's banner, another tool) starts it afresh.
 */
export function parseMocha(lines: OutputLines): TestReport {
  const report = new TestReportBuilder();
  const counts: { passed?: number; failed?: number; skipped?: number } = {};
  const suites = new SuiteStack();
  let passed: string[] = [];
  let byNumber = new Map<string, FailingTest>();
  let afterSummary = false;
  let current: FailingTest | undefined;
  let body: string[] = [];
  let frames: string[] = [];
  let inTitle = false;
  // A failure described before (a repeated run): its block is only followed to its end, not kept.
  let repeated = false;
  let inStack = false;

  const finish = () => {
    if (!current) return;
    // A test reported again (a repeated run) adds nothing: its first block stands.
    if (report.get(current.name)?.message) {
      current = undefined;
      return;
    }
    const message = body.join("\n").trim();
    if (message) current.message = message;
    const location = firstProjectFrame(frames);
    if (location) current.location = location;
    report.fail(current);
    current = undefined;
  };

  for (let index = 0; index < lines.length; index++) {
    // A line is made into a string only where a pattern or a message needs it.
    const indent = lines.indentOf(index);
    const first = lines.firstCode(index);
    const length = lines.lengthOf(index);
    const isDigit = first >= 48 && first <= 57;
    if (indent === 2 && isDigit) {
      const line = lines.get(index)!;
      const pass = passing.exec(line);
      const fail = pass ? null : failingCount.exec(line);
      const pending = pass || fail ? null : pendingCount.exec(line);
      if (pass || fail || pending) {
        if (!afterSummary) {
          // The run's summary: the tree above it is this run's.
          for (const name of passed) report.pass(name);
          passed = [];
          afterSummary = true;
        }
        if (pass) counts.passed = (counts.passed ?? 0) + Number(pass[1]);
        if (fail) counts.failed = (counts.failed ?? 0) + Number(fail[1]);
        if (pending) counts.skipped = (counts.skipped ?? 0) + Number(pending[1]);
        continue;
      }
    }
    if (afterSummary) {
      const head = indent === 2 && isDigit ? detailHead.exec(lines.get(index)!) : null;
      if (head) {
        finish();
        // The tree gave the full name; a hook failure ("before all" hook) only appears here.
        current = { name: byNumber.get(head[1]!)?.name ?? head[2]!.replace(/:$/, "") };
        body = [];
        frames = [];
        inStack = false;
        repeated = Boolean(report.get(current.name)?.message);
        inTitle = !head[2]!.endsWith(":");
        continue;
      }
      if (!current) {
        // Between failures only blank lines; anything else at column 0 ends this run's report.
        if (indent === 0 && length > 0) {
          afterSummary = false;
          byNumber = new Map();
          suites.clear();
        }
        continue;
      }
      if (inTitle) {
        // The title path continues on deeper-indented lines until the one ending with ':'.
        if (lines.get(index)!.trimEnd().endsWith(":")) inTitle = false;
        continue;
      }
      if (lines.startsWith(index, "at ", indent)) {
        inStack = true;
        if (!repeated) frames.push(lines.get(index)!.trim());
      } else if (inStack)
        finish(); // the stack is the end of a failure
      else if (!repeated && body.length < 200) body.push(lines.get(index)!);
      continue;
    }
    if (length === 0) continue;
    if (indent === 0) {
      suites.clear();
      passed = [];
      byNumber = new Map();
      continue;
    }
    const line = lines.get(index)!;
    const test = isDigit || first === 0x2714 || first === 0x2713 || first === 45 ? treeTest.exec(line) : null;
    suites.closeFrom(indent);
    if (test) {
      const name = suites.nameOf(test[4]!);
      if (test[2]) passed.push(name);
      else if (test[3]) byNumber.set(test[3], { name });
    } else if (indent < line.length) suites.push(indent, line.slice(indent));
  }
  finish();
  report.counts = counts;
  return report.build();
}
