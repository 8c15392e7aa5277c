import type { OutputLines } from "../output-lines";
import type { FailingTest } from "../types";
import { addGoFailures, goFailure } from "./go-failure";
import { type TestReport, TestReportBuilder } from "./test-report";

type GoEvent = { Action?: string; Test?: string; Output?: string; Package?: string };

/** `go test -json` (test2json): one JSON event a line; a test's output events carry its logs. */
export function parseGoTestJson(lines: OutputLines): TestReport {
  const report = new TestReportBuilder();
  const output = new Map<string, string[]>();
  const failed: string[] = [];
  let passed = 0;
  let skipped = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines.get(index)!;
    if (!line.startsWith("{") || !line.includes('"Action"')) continue;
    let event: GoEvent;
    try {
      event = JSON.parse(line) as GoEvent;
    } catch {
      continue;
    }
    const name = event.Test;
    if (!name) continue;
    if (event.Action === "output" && event.Output !== undefined) {
      let list = output.get(name);
      if (!list) output.set(name, (list = []));
      if (list.length < 400) list.push(event.Output.replace(/\n$/, ""));
    } else if (event.Action === "fail") failed.push(name);
    else if (event.Action === "pass") {
      passed++;
      report.pass(name);
    } else if (event.Action === "skip") skipped++;
  }
  const failures: FailingTest[] = [...new Set(failed)].map((name) => goFailure(name, output.get(name) ?? []));
  addGoFailures(report, failures);
  report.counts = { passed, failed: report.failingCount, skipped };
  return report.build();
}
