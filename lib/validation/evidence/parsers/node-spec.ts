import type { OutputLines } from "../output-lines";
import type { FailingTest } from "../types";
import { firstProjectFrame, parseLocation } from "./locations";
import { SuiteStack } from "./suite-stack";
import { type TestReport, TestReportBuilder } from "./test-report";

// `✔ name (1.2ms)`, `✖ name (0.8ms)`, `﹣ name (0.1ms) # SKIP`, `▶ suite`.
const entry = /^( *)(✔|✖|﹣|▶|ℹ) (.*?)(?: \([\d.]+m?s\))?(?: # (?:SKIP|TODO)\b.*)?$/;
const count = /^ℹ (tests|pass|fail|skipped|todo|cancelled) (\d+)$/;
const detailHead = /^✖ (.*?)(?: \([\d.]+m?s\))?$/;
const failingTests = "✖ failing tests:";
const detailValue = /^ {4}(expected|actual): (.*?),?$/;

/**
 * node:test's spec reporter: a tree of suites (`▶`) and tests by indentation, then a
 * "failing tests" section with each failure's error, stack and `test at file:line:col`.
 */
export function parseNodeSpec(lines: OutputLines): TestReport {
  const report = new TestReportBuilder();
  const open = new SuiteStack();
  // Failing leaves in tree order, matched to the detail section by their last name segment.
  const failures: FailingTest[] = [];
  // Failures of the tree not yet matched to a detail block, by their last name segment.
  const pending = new Map<string, FailingTest[]>();
  const counts: Record<string, number> = {};
  let inDetails = false;
  let current: FailingTest | undefined;
  // Tests described, by name and the file that declares them (one name may be in two files).
  const described = new Set<string>();
  const origins = new Map<FailingTest, string>();
  let declared: string | undefined;
  let message: string[] = [];
  let frames: string[] = [];

  const keyOf = (test: FailingTest) => {
    const origin = declared ? parseLocation(declared)?.file : undefined;
    return { key: `${test.name}\0${origin ?? ""}`, origin };
  };
  // A failure described before (a repeated run): its lines are not read, they would be dropped.
  let repeated = false;
  // The current failure's key, made at its head: `declared` does not change until it is finished.
  let currentKey: { key: string; origin?: string } | undefined;
  const finish = () => {
    if (!current) return;
    const { key, origin } = currentKey ?? keyOf(current);
    // A test reported again (a repeated run) keeps its first failure's details.
    if (described.has(key)) {
      current = undefined;
      currentKey = undefined;
      return;
    }
    described.add(key);
    if (origin) origins.set(current, origin);
    if (message.length > 0) current.message = message.join("\n").trim();
    current.location = firstProjectFrame(frames) ?? (declared ? parseLocation(declared) : undefined);
    if (!current.location) delete current.location;
    current = undefined;
    currentKey = undefined;
    declared = undefined;
  };

  for (let index = 0; index < lines.length; index++) {
    // A line is made into a string only where a pattern or a message needs it.
    const first = lines.codeAt(index, 0);
    if (inDetails) {
      if (first === 116 && lines.startsWith(index, "test at ")) {
        finish();
        declared = lines.get(index)!.slice(8);
        continue;
      }
      const head = first === 0x2716 ? detailHead.exec(lines.get(index)!) : null;
      if (head) {
        const keep = declared;
        finish();
        declared = keep;
        const leaf = head[1]!;
        current = pending.get(leaf)?.shift();
        if (!current) {
          current = { name: leaf };
          failures.push(current);
        }
        message = [];
        frames = [];
        currentKey = keyOf(current);
        repeated = described.has(currentKey.key);
        continue;
      }
      // Every line of a failure is indented; anything else is the next command's output.
      if (first !== -1 && first !== 32) {
        finish();
        inDetails = false;
      } else {
        if (!current || repeated) continue;
        const line = lines.get(index)!;
        const trimmed = line.trim();
        if (trimmed.startsWith("at ")) frames.push(trimmed);
        else if (frames.length === 0) {
          if (message.length < 200) message.push(line.startsWith("  ") ? line.slice(2) : line);
        } else {
          const value = detailValue.exec(line);
          if (value) current[value[1] as "expected" | "actual"] = value[2]!;
        }
        continue;
      }
    }
    if (first === 0x2716 && lines.lengthOf(index) === failingTests.length && lines.startsWith(index, failingTests)) {
      inDetails = true;
      continue;
    }
    const mark = lines.firstCode(index);
    // ✔ ✖ ﹣ ▶ ℹ
    if (mark !== 0x2714 && mark !== 0x2716 && mark !== 0xfe63 && mark !== 0x25b6 && mark !== 0x2139) continue;
    const line = lines.get(index)!;
    const match = entry.exec(line);
    if (!match) continue;
    const indent = match[1]!.length;
    const symbol = match[2]!;
    const name = match[3]!;
    if (symbol === "ℹ") {
      const counted = count.exec(line);
      if (counted) counts[counted[1]!] = (counts[counted[1]!] ?? 0) + Number(counted[2]);
      continue;
    }
    open.closeDeeperThan(indent);
    if (symbol === "▶") {
      open.push(indent, name);
      continue;
    }
    const top = open.top();
    if (top && top.indent === indent && top.name === name) {
      open.pop(); // the line that closes a suite, with its result
      continue;
    }
    const fullName = open.nameOf(name);
    if (symbol === "✔") report.pass(fullName);
    else if (symbol === "✖") {
      const test: FailingTest = { name: fullName };
      failures.push(test);
      const queue = pending.get(name);
      if (queue) queue.push(test);
      else pending.set(name, [test]);
    }
  }
  finish();
  for (const test of failures) report.fail(test, origins.get(test));
  report.counts = { passed: counts.pass, failed: counts.fail, skipped: counts.skipped };
  return report.build();
}
