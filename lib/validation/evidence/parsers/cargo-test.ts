import type { OutputLines } from "../output-lines";
import type { FailingTest } from "../types";
import { type TestReport, TestReportBuilder } from "./test-report";

const result = /^test (.+?) \.\.\. (ok|FAILED|ignored|bench)(?:,.*)?$/;
const stdoutHead = /^---- (.+?) stdout ----$/;
// Rust 1.73 and later: `thread 'name' (id) panicked at src/lib.rs:23:9:` and the message below.
const panicked = /^thread '(.+?)'(?: \(\d+\))? panicked at (\S+?):(\d+):(\d+):$/;
// Before 1.73: `thread 'name' panicked at 'message', src/lib.rs:23:9`.
const panickedOld = /^thread '(.+?)' panicked at '(.*)', (\S+?):(\d+):(\d+)$/;
const summary = /^test result: \w+\. (\d+) passed; (\d+) failed; (\d+) ignored/;

/**
 * `cargo test` (libtest): `test path::name ... ok|FAILED|ignored` lines, then one
 * `---- name stdout ----` block per failure with its panic message and location, and a
 * `test result:` line per test binary.
 */
export function parseCargoTest(lines: OutputLines): TestReport {
  const report = new TestReportBuilder();
  const failed: string[] = [];
  const details = new Map<string, FailingTest>();
  const counts = { passed: 0, failed: 0, skipped: 0 };
  let current: FailingTest | undefined;
  let message: string[] = [];
  let reading = false;
  const finish = () => {
    if (current && message.length > 0) current.message = message.join("\n").trim();
    current = undefined;
    reading = false;
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines.get(index)!;
    if (!current && !line.startsWith("test ") && !line.startsWith("---- ")) continue;
    const test = line.startsWith("test ") ? result.exec(line) : null;
    if (test) {
      if (test[2] === "ok") report.pass(test[1]!);
      else if (test[2] === "FAILED") failed.push(test[1]!);
      continue;
    }
    const head = line.startsWith("---- ") ? stdoutHead.exec(line) : null;
    if (head) {
      finish();
      message = [];
      if (details.has(head[1]!)) continue;
      current = { name: head[1]! };
      details.set(current.name, current);
      continue;
    }
    const total = line.startsWith("test result: ") ? summary.exec(line) : null;
    if (total) {
      finish();
      counts.passed += Number(total[1]);
      counts.failed += Number(total[2]);
      counts.skipped += Number(total[3]);
      continue;
    }
    if (!current) continue;
    if (line === "failures:") {
      finish();
      continue;
    }
    const panic = panicked.exec(line);
    if (panic) {
      current.location = { file: panic[2]!, line: Number(panic[3]), column: Number(panic[4]) };
      reading = true;
      continue;
    }
    const old = panickedOld.exec(line);
    if (old) {
      current.location = { file: old[3]!, line: Number(old[4]), column: Number(old[5]) };
      message.push(old[2]!);
      reading = true;
      continue;
    }
    if (line.startsWith("note: run with `RUST_BACKTRACE") || line.startsWith("stack backtrace:")) reading = false;
    else if (reading) message.push(line);
  }
  finish();
  for (const name of failed) report.fail(details.get(name) ?? { name });
  report.counts = counts;
  return report.build();
}
