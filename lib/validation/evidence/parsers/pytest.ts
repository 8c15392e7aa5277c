import type { OutputLines } from "../output-lines";
import type { FailingTest } from "../types";
import { codeAt } from "./indent-of";
import { parseLocation } from "./locations";
import { countsOf } from "./counts-of";
import { type TestReport, TestReportBuilder } from "./test-report";

const verboseResult = /^(\S+::\S.*?) (PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)\b/;
const summaryResult = /^(FAILED|ERROR) (\S+::\S.*?|\S+)(?: - (.*))?$/;
const section = /^_{3,} (.+?) _{3,}$/;
const banner = /^={3,} (.+?) ={3,}$/;
const raisedAt = /^(\S+\.py):(\d+): (\w+(?:\.\w+)*)?$/;

/** `tests/test_x.py::TestY::test_z` as pytest heads its failure sections: `TestY.test_z`. */
function headlineOf(nodeId: string): string {
  return nodeId.split("::").slice(1).join(".");
}

/**
 * pytest: `-v` result lines, the FAILURES section (one `___ headline ___` block per failure:
 * source, `E   ` lines, `file.py:N: ErrorType`) and the short test summary's
 * `FAILED nodeid - message` lines, which give the full test ids.
 */
export function parsePytest(lines: OutputLines): TestReport {
  const report = new TestReportBuilder();
  const details = new Map<string, FailingTest>();
  const failedIds: { id: string; message?: string }[] = [];
  let block: FailingTest | undefined;
  let errors: string[] = [];
  let inFailures = false;
  const finish = () => {
    if (!block) return;
    if (errors.length > 0) block.message = errors.join("\n");
    details.set(block.name, block);
    block = undefined;
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines.get(index)!;
    const first = codeAt(line, 0);
    const heading = first === 61 ? banner.exec(line) : null;
    if (heading) {
      finish();
      const title = heading[1]!;
      inFailures = title === "FAILURES" || title === "ERRORS";
      if (/\d+ (?:passed|failed|skipped|errors?)\b/.test(title)) report.counts = countsOf(title);
      continue;
    }
    const result = line.includes("::") ? verboseResult.exec(line) : null;
    if (result) {
      if (result[2] === "PASSED" || result[2] === "XFAIL") report.pass(result[1]!);
      continue;
    }
    const summary = first === 70 || first === 69 ? summaryResult.exec(line) : null;
    if (summary && !inFailures) {
      failedIds.push({ id: summary[2]!, message: summary[3] });
      continue;
    }
    if (!inFailures) continue;
    const head = first === 95 ? section.exec(line) : null;
    if (head) {
      finish();
      // "ERROR at setup of test_x" names the test whose fixture failed.
      const name = head[1]!.replace(/^ERROR (?:at|collecting) (?:\w+ of )?/, "");
      // A test reported again (a repeated run) keeps its first section.
      block = details.has(name) ? undefined : { name };
      errors = [];
      continue;
    }
    if (!block) continue;
    if (line.startsWith("E ")) errors.push(line.slice(1).trim());
    const raised = line.includes(".py:") ? raisedAt.exec(line) : null;
    if (raised) block.location = parseLocation(`${raised[1]}:${raised[2]}`);
  }
  finish();
  for (const { id, message } of failedIds) {
    const detail = details.get(headlineOf(id)) ?? details.get(id);
    const test: FailingTest = { name: id };
    const text = detail?.message ?? message;
    if (text) test.message = text;
    if (detail?.location) test.location = detail.location;
    report.fail(test);
  }
  // No short summary (`-rN`): the section headlines are all there is.
  if (failedIds.length === 0) for (const detail of details.values()) report.fail(detail);
  return report.build();
}
