import type { OutputLines } from "../output-lines";
import type { FailingTest } from "../types";
import { firstProjectFrame } from "./locations";
import { countsOf } from "./counts-of";
import { SuiteStack } from "./suite-stack";
import { type TestReport, TestReportBuilder } from "./test-report";

const fileResult = /^ ?(FAIL|PASS) {1,2}(\S.*?)(?: \([\d.]+ m?s\))?$/;
const bullet = /^ {2}● (.+)$/;
const codeFrame = /^ *>? *\d+ \||^ +\|/;
const verboseTest = /^( +)(✓|✕|○|✎) (?:skipped |todo )?(.+?)(?: \(\d+(?:\.\d+)? m?s\))?$/;
const summary = /^Tests: +(.*)$/;

/**
 * Jest's default reporter: `FAIL file` headers, a `● describe › test` block per failure with
 * its message, Expected/Received, code frame and stack; with --verbose (or one test file) a
 * tree of `✓`/`✕` tests under describe names.
 */
export function parseJest(lines: OutputLines): TestReport {
  const report = new TestReportBuilder();
  let file = "";
  let current: FailingTest | undefined;
  let body: string[] = [];
  let frames: string[] = [];
  const suites = new SuiteStack();
  // Right after a FAIL/PASS line, the verbose tree: indented lines until column 0 or a failure.
  let inTree = false;
  // A failure's name by its title, made once: a repeated run's title finds the same string,
  // which the report's map finds by identity (a new one is hashed and compared at each lookup).
  const names = new Map<string, string>();
  const nameOf = (title: string) => {
    let name = names.get(title);
    if (name === undefined) {
      name = title.replaceAll(" › ", " > ");
      names.set(title, name);
    }
    return name;
  };

  const finish = () => {
    if (!current) return;
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
    const result = indent <= 1 && (first === 70 || first === 80) ? fileResult.exec(lines.get(index)!) : null;
    if (result) {
      finish();
      file = result[2]!;
      suites.clear();
      inTree = true;
      continue;
    }
    const head = indent === 2 && first === 0x25cf ? bullet.exec(lines.get(index)!) : null;
    if (head) {
      finish();
      inTree = false;
      const title = head[1]!.trim();
      // A file that could not run (syntax error, failed import) fails as a whole.
      const name = title === "Test suite failed to run" ? file || title : nameOf(title);
      // A test printed again (retries, a repeated run) adds nothing: its first block stands.
      if (report.get(name)?.message) continue;
      current = { name };
      body = [];
      frames = [];
      continue;
    }
    if (current) {
      const line = lines.get(index)!;
      if (line.startsWith("Tests:") || line.startsWith("Test Suites:")) {
        finish();
      } else {
        if (line.startsWith("at ", indent)) frames.push(line.slice(indent));
        else if (frames.length > 0 || codeFrame.test(line)) continue;
        else if (line.startsWith("Expected: ", indent)) current.expected = line.slice(indent + 10).trimEnd();
        else if (line.startsWith("Received: ", indent)) current.actual = line.slice(indent + 10).trimEnd();
        else if (body.length < 200) body.push(line.startsWith("    ") ? line.slice(4) : line);
        continue;
      }
    }
    const length = lines.lengthOf(index);
    if (indent === 0 && length > 0) inTree = false;
    if (!inTree) {
      const counted = first === 84 && indent === 0 ? summary.exec(lines.get(index)!) : null;
      if (counted) report.counts = countsOf(counted[1]!);
      continue;
    }
    // ✓ ✕ ○ ✎
    const isTest = first === 0x2713 || first === 0x2715 || first === 0x25cb || first === 0x270e;
    const test = isTest ? verboseTest.exec(lines.get(index)!) : null;
    if (test) {
      suites.closeFrom(indent);
      const name = suites.nameOf(test[3]!);
      if (test[2] === "✓") report.pass(name);
      else if (test[2] === "✕" && !report.has(name)) report.fail({ name });
      continue;
    }
    // A describe line of the verbose tree: indented text under a FAIL/PASS header.
    if (indent >= 2 && indent < length) {
      suites.closeFrom(indent);
      suites.push(indent, lines.get(index)!.trim());
    }
  }
  finish();
  return report.build();
}
