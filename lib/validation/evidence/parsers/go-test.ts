import type { OutputLines } from "../output-lines";
import type { FailingTest } from "../types";
import { addGoFailures, goFailure } from "./go-failure";
import { codeAt } from "./indent-of";
import { type TestReport, TestReportBuilder } from "./test-report";

const started = /^=== (?:RUN|CONT|PAUSE|NAME) +(\S+)/;
const result = /^( *)--- (FAIL|PASS|SKIP): (\S+) \(/;
const packageResult = /^(?:FAIL|ok|PASS|FAIL:?)(?:\s|$)/;

/**
 * `go test` and `go test -v`: `--- FAIL: TestX/sub (0.00s)` results with the test's log
 * lines under them (or, with -v, before them after `=== RUN`), panics with their goroutine
 * stacks, and package lines (`FAIL\tpkg\t0.01s`, `ok  \tpkg`).
 */
export function parseGoTest(lines: OutputLines): TestReport {
  const report = new TestReportBuilder();
  const output = new Map<string, string[]>();
  const failed: string[] = [];
  let current: string | undefined;
  let passed = 0;
  let skipped = 0;
  const add = (name: string, line: string) => {
    let list = output.get(name);
    if (!list) output.set(name, (list = []));
    if (list.length < 400) list.push(line);
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines.get(index)!;
    const start = line.startsWith("=== ") ? started.exec(line) : null;
    if (start) {
      current = start[1];
      continue;
    }
    const done = line.includes("--- ") ? result.exec(line) : null;
    if (done) {
      const name = done[3]!;
      if (done[2] === "FAIL") failed.push(name);
      else if (done[2] === "PASS") {
        passed++;
        report.pass(name);
      } else skipped++;
      current = name;
      continue;
    }
    const first = codeAt(line, 0);
    if ((first === 70 || first === 111 || first === 80) && packageResult.test(line)) {
      current = undefined;
      continue;
    }
    if (current) add(current, line);
  }
  const failures: FailingTest[] = [...new Set(failed)].map((name) => goFailure(name, output.get(name) ?? []));
  addGoFailures(report, failures);
  // Without -v, go test prints no passing test: a count of 0 would say what it does not know.
  report.counts = { passed: passed || undefined, failed: report.failingCount, skipped: skipped || undefined };
  return report.build();
}
