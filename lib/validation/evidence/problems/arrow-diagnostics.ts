import type { OutputLines } from "../output-lines";
import type { Problem } from "../types";
import { MAX_PROBLEMS } from "./max-problems";

const arrow = /^ *--> (\S+?):(\d+):(\d+)$/;
// rustc / cargo: `error[E0425]: cannot find value`, `warning: unused variable`.
const rustc = /^(error|warning)(?:\[(E\d+)\])?: (.+)$/;
// ruff's full format: `F401 [*] \`os\` imported but unused`, `invalid-syntax: Expected ...`.
const ruff = /^([A-Z]+\d+|[a-z]+(?:-[a-z]+)+):? (?:\[\*\] )?(.+)$/;

/** Diagnostics headed by a message line with ` --> file:line:col` under it: rustc and ruff. */
export function parseArrowDiagnostics(lines: OutputLines): Problem[] {
  const problems: Problem[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (problems.length >= MAX_PROBLEMS) break;
    const line = lines.get(i)!;
    if (!line.includes("--> ")) continue;
    const at = arrow.exec(line);
    if (!at) continue;
    const head = lines.get(i - 1)!;
    const location = { file: at[1]!, line: Number(at[2]), column: Number(at[3]) };
    const fromRustc = rustc.exec(head);
    if (fromRustc) {
      const problem: Problem = {
        tool: "rustc",
        ...location,
        severity: fromRustc[1] as "error" | "warning",
        message: fromRustc[3]!,
      };
      if (fromRustc[2]) problem.rule = fromRustc[2];
      problems.push(problem);
      continue;
    }
    const fromRuff = ruff.exec(head);
    if (fromRuff)
      problems.push({ tool: "ruff", ...location, severity: "error", rule: fromRuff[1]!, message: fromRuff[2]! });
  }
  return problems;
}
