import type { CommandResult } from "@/db/schema";
import { cleanOutput } from "./clean-output";
import type { OutputLines } from "./output-lines";
import { parseTestOutput } from "./parse-test-output";
import { stripControls } from "./strip-controls";
import type { FailingTest, ParsedOutput, Problem } from "./types";
import { workspacePath } from "./workspace-path";

export type EvidenceInput = {
  /** "setup" or "tests": how the command is named in the first line. */
  phase?: "setup" | "tests";
  result: Pick<CommandResult, "command" | "exitCode" | "signal" | "timedOut" | "durationMs" | "output">;
  /** The parse of result.output (with its JUnit reports), when the caller has it already. */
  parsed?: ParsedOutput;
  /** Absolute paths under it are shown relative to the repository. */
  workspacePath?: string;
  /** The whole evidence stays within this many characters. */
  maxChars?: number;
};

const MAX_TESTS = 20;
const MAX_PROBLEMS = 30;
const MAX_MESSAGE_LINES = 12;
const MAX_MESSAGE_CHARS = 800;
const MAX_VALUE_CHARS = 300;
const TAIL_LINES = 40;
// The tail always gets at least this much of the budget.
const TAIL_MIN_CHARS = 600;

/** Inline code that survives backticks in the text. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return longest > 0 ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

/** A fenced block that survives fences in the text. */
function block(text: string, indent = ""): string {
  const longest = Math.max(2, ...(text.match(/`{3,}/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return [`${fence}text`, ...text.split("\n"), fence].map((line) => `${indent}${line}`).join("\n");
}

function trimmed(text: string, maxLines: number, maxChars: number): string {
  let lines = text.split("\n");
  if (lines.length > maxLines)
    lines = [...lines.slice(0, maxLines), `[... ${plural(lines.length - maxLines, "more line")}]`];
  const joined = lines.join("\n");
  return joined.length > maxChars ? `${joined.slice(0, maxChars)} [...]` : joined;
}

function endingOf(result: EvidenceInput["result"]): string {
  const took = result.durationMs ? ` after ${Math.max(1, Math.round(result.durationMs / 1000))} s` : "";
  if (result.timedOut) return `timed out${took}`;
  if (result.signal) return `was killed by ${result.signal}${took}`;
  return `exited with code ${result.exitCode ?? "unknown"}${took}`;
}

function where(file: string, line?: number, column?: number, workspace?: string): string {
  const path = workspacePath(file, workspace) ?? file;
  return [path, line, line !== undefined ? column : undefined].filter((part) => part !== undefined).join(":");
}

function renderTest(test: FailingTest, index: number, workspace?: string): string {
  const message = test.message ? trimmed(test.message, MAX_MESSAGE_LINES, MAX_MESSAGE_CHARS) : "";
  const lines = [`${index + 1}. ${code(test.name)}${message && !message.includes("\n") ? `: ${message}` : ""}`];
  if (message.includes("\n")) lines.push(block(message, "   "));
  for (const key of ["expected", "actual"] as const) {
    const value = test[key];
    if (value === undefined) continue;
    const shown = trimmed(value, 6, MAX_VALUE_CHARS);
    lines.push(shown.includes("\n") ? `   - ${key}:\n${block(shown, "     ")}` : `   - ${key}: ${code(shown)}`);
  }
  if (test.location)
    lines.push(`   - at ${code(where(test.location.file, test.location.line, test.location.column, workspace))}`);
  return lines.join("\n");
}

function renderProblem(problem: Problem, workspace?: string): string {
  const rule = problem.rule ? ` ${problem.rule}` : "";
  const message = problem.message.split("\n")[0]!.slice(0, 300);
  return `- ${code(where(problem.file, problem.line, problem.column, workspace))} ${problem.severity} (${problem.tool}${rule}): ${message}`;
}

/**
 * A titled list that stops before the item that would pass `budget`: every item is whole
 * Markdown (its fences closed), so the text never ends inside a code block.
 */
function section(title: string, items: string[], total: number, noun: string, budget: number): string {
  const kept: string[] = [];
  let length = title.length + 2;
  for (const item of items) {
    if (length + item.length + 1 > budget - 40 && kept.length > 0) break;
    kept.push(item);
    length += item.length + 1;
  }
  const more = total - kept.length;
  return [title, "", ...kept, ...(more > 0 ? [`... and ${more} more ${noun}.`] : [])].join("\n");
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

// Lines that say a test passed, and stack frames of dependencies and the runtime: not evidence.
const noise =
  /^\s*(?:ok \d+\b|[✓✔]\s|--- PASS:|=== RUN|test \S.* \.\.\. ok$|at .*(?:\/node_modules\/|\(node:|\bnode:internal\/))|\bPASSED\b/;

/** Text without Markdown decoration and runs of spaces: what a line of output looks like once shown. */
function plain(text: string): string {
  return text.replace(/[`*]/g, "").replace(/\s+/g, " ").trim();
}

/**
 * The end of the output, less what the evidence shows already (its lines, or the excerpt) and
 * less noise: when there is an excerpt, only what comes after it.
 */
function tailOf(output: OutputLines, shown: string, excerpt?: string): string {
  // Only the last lines can be shown: the excerpt's last line matters only among them.
  let lines = output.slice(Math.max(0, output.length - TAIL_LINES * 3));
  if (excerpt) {
    const last = excerpt.split("\n").pop() ?? "";
    lines = lines.slice(lines.lastIndexOf(last) + 1);
  }
  const seen = plain(shown);
  return lines
    .filter((line) => {
      const text = plain(line);
      if (text.length === 0 || noise.test(line)) return false;
      return text.length < 8 || !seen.includes(text);
    })
    .slice(-TAIL_LINES)
    .join("\n");
}

/**
 * One failed command's evidence, in Markdown for a PR comment and a model's prompt alike:
 * how the command ended, the failing tests with their messages, expected and actual values
 * and locations, the lint and type problems, then one tail of the output without the lines
 * already shown (or, for output no parser knows, the lines around its first error). Bounded
 * in every part and within maxChars as a whole.
 */
export function renderEvidence(input: EvidenceInput): string {
  const { result, phase = "tests" } = input;
  const maxChars = input.maxChars ?? 6000;
  const parsed = input.parsed ?? parseTestOutput(result.output);
  const workspace = input.workspacePath;
  const head = `The ${phase === "setup" ? "setup" : "test"} command ${code(result.command)} ${endingOf(result)}.`;
  // Shares of the budget; what a section does not use goes to the tail.
  const room = Math.max(0, maxChars - head.length - 2 - TAIL_MIN_CHARS);
  const hasBoth = parsed.failing.length > 0 && parsed.problems.length > 0;
  const sections = [head];

  if (parsed.failing.length > 0) {
    const counts = parsed.counts;
    const extra = [
      counts?.passed !== undefined ? `${counts.passed} passed` : "",
      counts?.skipped ? `${counts.skipped} skipped` : "",
    ].filter(Boolean);
    const title = `**${plural(parsed.failing.length, "failing test")}**${extra.length > 0 ? ` (${extra.join(", ")})` : ""}:`;
    const items = parsed.failing.slice(0, MAX_TESTS).map((test, i) => renderTest(test, i, workspace));
    sections.push(section(title, items, parsed.failing.length, "failing tests", hasBoth ? room * 0.65 : room));
  }
  if (parsed.problems.length > 0) {
    const errors = parsed.problems.filter((problem) => problem.severity === "error").length;
    const title = `**${plural(parsed.problems.length, "problem")}** (${plural(errors, "error")}, ${plural(parsed.problems.length - errors, "warning")}):`;
    const items = parsed.problems.slice(0, MAX_PROBLEMS).map((problem) => renderProblem(problem, workspace));
    const used = sections.join("\n\n").length - head.length;
    sections.push(section(title, items, parsed.problems.length, "problems", room - used));
  }
  if (parsed.excerpt) {
    const excerpt =
      parsed.excerpt.length > room - 60 ? `${parsed.excerpt.slice(0, Math.max(0, room - 80))}\n[...]` : parsed.excerpt;
    sections.push(`Around the first error in its output:\n\n${block(excerpt)}`);
  }

  let text = sections.join("\n\n");
  const { lines } = cleanOutput(result.output);
  const label = "\n\nEnd of its output, without what is shown above:\n\n";
  // The fences, the label and the cut marker take about 40 characters of the tail's room.
  const tailRoom = maxChars - text.length - label.length - 40;
  let tailText = tailRoom > 80 ? stripControls(tailOf(lines, text, parsed.excerpt)) : "";
  if (tailText.length > tailRoom) tailText = `[...]\n${tailText.slice(tailText.length - tailRoom + 6)}`;
  if (tailText.trim()) text += `${label}${block(tailText)}`;
  // Only a budget too small for the first line itself gets here.
  return text.length > maxChars ? `${text.slice(0, maxChars - 14)}\n[... cut ...]` : text;
}
