import type { FailingTest, SourceLocation } from "../types";
import { firstProjectFrame, parseLocation } from "./locations";
import { type TestReport, TestReportBuilder } from "./test-report";

const entities: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decode(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|lt|gt|amp|quot|apos);/g, (all, entity: string) => {
    if (entity.startsWith("#x")) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number(entity.slice(1)));
    return entities[entity] ?? all;
  });
}

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    found.set(match[1]!, decode(match[2] ?? match[3] ?? ""));
  }
  return found;
}

/** The text of an element's body, CDATA sections included. */
function bodyText(xml: string): string {
  return decode(xml.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, data: string) => data.replaceAll("&", "&amp;")));
}

/** pytest's classname is the module path and classes (`tests.test_x.TestY`): back to its node id. */
function pytestNodeId(classname: string, name: string): string {
  const parts = classname.split(".");
  const module = parts.findIndex((part) => part.startsWith("test_") || part.endsWith("_test"));
  if (module < 0) return `${classname}::${name}`;
  return [`${parts.slice(0, module + 1).join("/")}.py`, ...parts.slice(module + 1), name].join("::");
}

function isFilePath(text: string): boolean {
  return /\.(?:[cm]?[jt]sx?|py|go|rs|rb|java|kt|php|cs)$/.test(text) || (text.includes("/") && !text.includes(" "));
}

function fullName(suite: string, classname: string, name: string): string {
  if (suite === "pytest" && classname) return pytestNodeId(classname, name);
  if (!classname || classname === name || name.startsWith(classname) || isFilePath(classname)) return name;
  return `${classname} > ${name}`;
}

function locationIn(lines: string[]): SourceLocation | undefined {
  const frame = firstProjectFrame(lines.filter((line) => line.trim().startsWith("at ")));
  if (frame) return frame;
  for (const line of lines) {
    const arrow = /^\s*❯ (?:\S+ )?(\S+:\d+:\d+)$/.exec(line);
    if (arrow) return parseLocation(arrow[1]!);
  }
  // pytest's `tests/test_x.py:9: AssertionError`: the last one is where it was raised.
  const raised = lines.filter((line) => /^\S+\.py:\d+: /.test(line)).pop();
  return raised ? parseLocation(raised.slice(0, raised.indexOf(": "))) : undefined;
}

function failureOf(name: string, element: string, body: string, file?: string, line?: number): FailingTest {
  const test: FailingTest = { name };
  const lines = body.split("\n").map((text) => text.trimEnd());
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.trim();
    if (text.startsWith("Expected: ")) test.expected = text.slice(10);
    else if (text.startsWith("Received: ")) test.actual = text.slice(10);
    else if ((text === "- Expected:" || text === "+ Received:") && lines[i + 1] !== undefined) {
      test[text === "- Expected:" ? "expected" : "actual"] = lines[++i]!.trim();
    } else if (text.startsWith("at ") || text.startsWith("❯ ")) break;
    else kept.push(lines[i]!);
  }
  const message = attributes(element).get("message");
  const text = kept.join("\n").trim();
  test.message = (text.length > (message?.length ?? 0) ? text : message) || undefined;
  if (!test.message) delete test.message;
  const location = locationIn(lines) ?? (file ? { file, line } : undefined);
  if (location) test.location = location;
  return test;
}

/**
 * A JUnit XML report (jest-junit, vitest's junit reporter, pytest --junitxml, mocha-junit-reporter,
 * Surefire, gotestsum...): each `<testcase>` with its `<failure>`, `<error>` or `<skipped>`.
 */
export function parseJunitXml(xml: string): TestReport {
  const report = new TestReportBuilder();
  const counts = { passed: 0, failed: 0, skipped: 0 };
  let suite = "";
  const tags = /<(testsuite|testcase)\b([^>]*?)(\/?)>/g;
  for (let match = tags.exec(xml); match; match = tags.exec(xml)) {
    const attrs = attributes(match[2]!);
    if (match[1] === "testsuite") {
      suite = attrs.get("name") ?? "";
      continue;
    }
    const name = fullName(suite, (attrs.get("classname") ?? "").trim(), (attrs.get("name") ?? "").trim());
    if (!name) continue;
    let inner = "";
    if (match[3] !== "/") {
      const end = xml.indexOf("</testcase>", tags.lastIndex);
      inner = end < 0 ? "" : xml.slice(tags.lastIndex, end);
      if (end >= 0) tags.lastIndex = end + 11;
    }
    const failure = /<(failure|error)\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1>)/.exec(inner);
    if (failure) {
      counts.failed++;
      const file = attrs.get("file");
      const line = attrs.get("line") ? Number(attrs.get("line")) : undefined;
      report.fail(
        failureOf(name, failure[0].slice(0, failure[0].indexOf(">") + 1), bodyText(failure[3] ?? ""), file, line),
      );
    } else if (/<skipped\b/.test(inner)) counts.skipped++;
    else {
      counts.passed++;
      report.pass(name);
    }
  }
  report.counts = counts;
  return report.build();
}
