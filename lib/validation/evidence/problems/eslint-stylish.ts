import type { OutputLines } from "../output-lines";
import type { Problem } from "../types";
import { MAX_PROBLEMS } from "./max-problems";

const entry = /^ +(\d+):(\d+) +(error|warning) +(.+?)(?: {2,}(@?[\w/-]+))?$/;

/**
 * ESLint's default (stylish) formatter: a file path line, then `line:col  severity  message  rule`
 * under it. The `✖ N problems (X errors, Y warnings)` summary is a count, never a test.
 */
export function parseEslintStylish(lines: OutputLines): Problem[] {
  const problems: Problem[] = [];
  let file = "";
  for (let index = 0; index < lines.length; index++) {
    const line = lines.get(index)!;
    if (problems.length >= MAX_PROBLEMS) break;
    if (line.length === 0) continue;
    const first = line.charCodeAt(0);
    if (first !== 32) {
      // A path line: absolute, or relative when the formatter was told so.
      file = !line.includes(" ") && /\.\w+$/.test(line) ? line : "";
      continue;
    }
    if (!file) continue;
    let i = 1;
    while (i < line.length && line.charCodeAt(i) === 32) i++;
    const digit = i < line.length ? line.charCodeAt(i) : -1;
    if (digit < 48 || digit > 57) continue;
    const match = entry.exec(line);
    if (!match) continue;
    const problem: Problem = {
      tool: "eslint",
      file,
      line: Number(match[1]),
      column: Number(match[2]),
      severity: match[3] as "error" | "warning",
      message: match[4]!.trim(),
    };
    if (match[5]) problem.rule = match[5];
    problems.push(problem);
  }
  return problems;
}
