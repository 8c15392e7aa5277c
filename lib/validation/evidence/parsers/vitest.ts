import type { OutputLines } from "../output-lines";
import type { FailingTest } from "../types";
import { parseLocation } from "./locations";
import { countsOf } from "./counts-of";
import { type TestReport, TestReportBuilder } from "./test-report";

const failHeader = /^ FAIL {1,2}(\S.*)$/;
const result = /^ *(✓|×|↓|✗) (.+?)(?: \d+m?s)?$/;
const fileLine = / \(\d+ tests?(?: \|[^)]*)?\)/;
const frame = /^ *❯ (.+)$/;
const separator = /^⎯{3,}/;
const summary = /^ {0,6}Tests {1,2}(.*)$/;

function isFilePath(segment: string): boolean {
  return /\.[cm]?[jt]sx?$/.test(segment);
}

/** `file > describe > test`: the name without the file, which goes to the location instead. */
function splitName(text: string): { name: string; file?: string } {
  const segments = text.split(" > ");
  if (segments.length > 1 && isFilePath(segments[0]!))
    return { name: segments.slice(1).join(" > "), file: segments[0] };
  // `file [ file ]`: the whole file failed (an import or syntax error).
  const bracket = text.indexOf(" [ ");
  if (bracket > 0 && isFilePath(text.slice(0, bracket)))
    return { name: text.slice(0, bracket), file: text.slice(0, bracket) };
  return { name: text, file: isFilePath(text) ? text : undefined };
}

/**
 * Vitest's default and verbose reporters: results as `✓`/`×` lines (the verbose reporter
 * prints `file > describe > test`, the default one the test's own name under its file), then
 * a "Failed Tests" section with one ` FAIL  file > describe > test` block per failure.
 */
export function parseVitest(lines: OutputLines): TestReport {
  const report = new TestReportBuilder();
  let current: FailingTest | undefined;
  let file: string | undefined;
  let body: string[] = [];
  let inValue: "expected" | "actual" | undefined;
  let values: string[] = [];
  let inFrame = false;
  // Names split once per text: a repeated run's lines find the same strings, which the report's
  // map finds by identity (a new split is hashed and compared at each lookup).
  const splits = new Map<string, { name: string; file?: string }>();
  const split = (text: string) => {
    let parts = splits.get(text);
    if (parts === undefined) {
      parts = splitName(text);
      splits.set(text, parts);
    }
    return parts;
  };

  const closeValue = () => {
    if (current && inValue && values.length > 0) current[inValue] = values.join("\n");
    inValue = undefined;
    values = [];
  };
  const finish = () => {
    closeValue();
    if (!current) return;
    const message = body.join("\n").trim();
    if (message) current.message = message;
    if (!current.location && file) current.location = { file };
    report.fail(current);
    current = undefined;
  };

  for (let index = 0; index < lines.length; index++) {
    // A line is made into a string only where a pattern or a message needs it.
    const header = lines.startsWith(index, " FAIL ") ? failHeader.exec(lines.get(index)!) : null;
    if (header) {
      finish();
      const parts = split(header[1]!.trim());
      file = parts.file;
      // A test printed again adds nothing: its first block stands.
      if (report.get(parts.name)?.message) continue;
      current = { name: parts.name };
      body = [];
      inFrame = false;
      continue;
    }
    if (current) {
      const line = lines.get(index)!;
      if (separator.test(line) || summary.test(line) || line.startsWith(" Test Files ")) {
        finish();
      } else {
        const located = frame.exec(line);
        if (located) {
          closeValue();
          inFrame = true;
          const spec = located[1]!.trim();
          const location = parseLocation(spec.includes(" ") ? spec.slice(spec.lastIndexOf(" ") + 1) : spec);
          if (location && !current.location && !location.file.includes("/node_modules/")) current.location = location;
        } else if (inFrame) {
          // the code frame under the location
        } else if (line === "- Expected:" || line === "+ Received:") {
          closeValue();
          inValue = line === "- Expected:" ? "expected" : "actual";
        } else if (inValue) {
          if (line.trim() === "") closeValue();
          else values.push(line);
        } else body.push(line);
        continue;
      }
    }
    const first = lines.firstCode(index);
    const counted = first === 84 ? summary.exec(lines.get(index)!) : null;
    if (counted && /\d+ (?:passed|failed)/.test(counted[1]!)) {
      report.counts = countsOf(counted[1]!);
      continue;
    }
    // ✓ × ↓ ✗
    if (first !== 0x2713 && first !== 0xd7 && first !== 0x2193 && first !== 0x2717) continue;
    const line = lines.get(index)!;
    const test = result.exec(line);
    if (!test || fileLine.test(line)) continue;
    const { name } = split(test[2]!.trim());
    if (test[1] === "✓") report.pass(name);
  }
  finish();
  return report.build();
}
