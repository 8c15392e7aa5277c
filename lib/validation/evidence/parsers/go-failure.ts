import type { FailingTest } from "../types";
import { parseLocation } from "./locations";
import type { TestReportBuilder } from "./test-report";

const logLine = /^(\s+)([\w./-]+\.go):(\d+): ?(.*)$/;
const frameLine = /^\t(\/\S+\.go):(\d+)(?: \+0x[0-9a-f]+)?$/;

/** Frames of the Go runtime and the testing package: not where the project failed. */
function isRuntimeFrame(file: string): boolean {
  return (
    /\/src\/(?:runtime|testing|reflect|internal)\//.test(file) ||
    file.startsWith("/usr/lib/go") ||
    file.startsWith("/usr/local/go/")
  );
}

/** A failing Go test from the lines it printed: its `file.go:N: message` logs or its panic. */
export function goFailure(name: string, lines: readonly string[]): FailingTest {
  const test: FailingTest = { name };
  const messages: string[] = [];
  let logIndent = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const log = logLine.exec(line);
    if (log) {
      logIndent = log[1]!.length;
      messages.push(log[4]!);
      test.location ??= parseLocation(`${log[2]}:${log[3]}`);
      continue;
    }
    if (logIndent >= 0 && line.length - line.trimStart().length > logIndent && !line.trimStart().startsWith("---")) {
      messages.push(line.trim());
      continue;
    }
    logIndent = -1;
    if (line.startsWith("panic: ")) {
      messages.push(line.replace(/ \[recovered\]$/, ""));
      for (let j = i + 1; j < lines.length && j < i + 80; j++) {
        const frame = frameLine.exec(lines[j]!);
        if (frame && !isRuntimeFrame(frame[1]!)) {
          test.location = { file: frame[1]!, line: Number(frame[2]) };
          break;
        }
      }
      break;
    }
  }
  if (messages.length > 0) test.message = messages.join("\n");
  return test;
}

/** Subtests fail their parents: a parent that printed nothing of its own is not a failing test. */
export function addGoFailures(report: TestReportBuilder, failures: FailingTest[]): void {
  for (const test of failures) {
    const isParent = failures.some((other) => other.name.startsWith(`${test.name}/`));
    if (isParent && !test.message) continue;
    report.fail(test);
  }
}
