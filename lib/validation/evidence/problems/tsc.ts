import type { OutputLines } from "../output-lines";
import type { Problem } from "../types";
import { MAX_PROBLEMS } from "./max-problems";

// `src/a.ts(13,52): error TS2551: ...` (plain) and `src/a.ts:13:52 - error TS2551: ...` (--pretty).
const plain = /^(\S.*?)\((\d+),(\d+)\): (error|warning) (TS\d+): (.*)$/;
const pretty = /^(\S.*?):(\d+):(\d+) - (error|warning) (TS\d+): (.*)$/;

/** tsc's diagnostics, with the indented lines that continue a message (its chain of reasons). */
export function parseTsc(lines: OutputLines): Problem[] {
  const problems: Problem[] = [];
  let last: Problem | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines.get(index)!;
    if (problems.length >= MAX_PROBLEMS) break;
    if (line.includes(" TS")) {
      const match = plain.exec(line) ?? pretty.exec(line);
      if (match) {
        last = {
          tool: "tsc",
          file: match[1]!,
          line: Number(match[2]),
          column: Number(match[3]),
          severity: match[4] as "error" | "warning",
          rule: match[5]!,
          message: match[6]!,
        };
        problems.push(last);
        continue;
      }
    }
    if (last && line.startsWith("  ") && line.trim() !== "" && !/^ +\S+:\d+:\d+ - /.test(line)) {
      last.message += `\n${line.trim()}`;
    } else last = undefined;
  }
  return problems;
}
