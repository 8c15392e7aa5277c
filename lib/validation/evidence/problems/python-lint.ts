import type { OutputLines } from "../output-lines";
import type { Problem } from "../types";
import { MAX_PROBLEMS } from "./max-problems";

const entry = /^(\S.*?\.pyi?):(\d+):(\d+): ([A-Z]+\d+) (\[\*\] )?(.*)$/;

/**
 * flake8 and ruff's concise format: `path.py:line:col: CODE message`. ruff marks fixable ones
 * with `[*]` and ends with `Found N errors.`; flake8's W codes (pycodestyle warnings) are warnings.
 */
export function parsePythonLint(lines: OutputLines, isRuff: boolean): Problem[] {
  const problems: Problem[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines.get(index)!;
    if (problems.length >= MAX_PROBLEMS) break;
    if (!line.includes(".py")) continue;
    const match = entry.exec(line);
    if (!match) continue;
    const ruff = isRuff || match[5] !== undefined;
    const code = match[4]!;
    problems.push({
      tool: ruff ? "ruff" : "flake8",
      file: match[1]!,
      line: Number(match[2]),
      column: Number(match[3]),
      severity: !ruff && code.startsWith("W") ? "warning" : "error",
      rule: code,
      message: match[6]!,
    });
  }
  return problems;
}
