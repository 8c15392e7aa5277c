import type { OutputLines } from "../output-lines";
import type { Problem } from "../types";
import { MAX_PROBLEMS } from "./max-problems";

// `src/a.js:1:7 lint/correctness/noUnusedVariables  FIXABLE  ━━━━` or `src/a.js format ━━━━`.
const header =
  /^(\S+?)(?::(\d+):(\d+))? ((?:lint|assist|format|parse|check|deserialize|organizeImports|suppressions|plugin|syntax)(?:\/[\w/]+)?)(?: .*?)? ━+$/;
const marks: Record<string, "error" | "warning" | "info"> = {
  "×": "error",
  "✖": "error",
  "!": "warning",
  "⚠": "warning",
  i: "info",
  ℹ: "info",
};

/** Biome's diagnostics (lint, check, ci, format): a `━━━` header with the file, position and category, then `× message`. */
export function parseBiome(lines: OutputLines): Problem[] {
  const problems: Problem[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (problems.length >= MAX_PROBLEMS) break;
    const line = lines.get(i)!;
    if (!line.endsWith("━")) continue;
    const match = header.exec(line);
    if (!match) continue;
    const next = lines.slice(i + 1, i + 4).find((text) => text.trim() !== "");
    const text = next?.trim() ?? "";
    const severity = marks[text.slice(0, text.indexOf(" "))];
    // Information (a deprecated option) asks for no change: not a problem to fix.
    if (!severity || severity === "info") continue;
    const problem: Problem = {
      tool: "biome",
      file: match[1]!,
      severity,
      rule: match[4]!,
      message: text.slice(text.indexOf(" ") + 1),
    };
    if (match[2]) problem.line = Number(match[2]);
    if (match[3]) problem.column = Number(match[3]);
    problems.push(problem);
  }
  return problems;
}
