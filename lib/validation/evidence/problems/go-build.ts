import type { OutputLines } from "../output-lines";
import type { Problem } from "../types";
import { MAX_PROBLEMS } from "./max-problems";

const entry = /^(\S+\.go):(\d+):(\d+): (.+)$/;

/** Go compiler and vet errors (`pkg/file.go:5:9: undefined: missing`), at the start of a line under `# pkg`. */
export function parseGoBuild(lines: OutputLines): Problem[] {
  const problems: Problem[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines.get(index)!;
    if (problems.length >= MAX_PROBLEMS) break;
    if (!line.includes(".go:")) continue;
    const match = entry.exec(line);
    if (!match) continue;
    problems.push({
      tool: "go",
      file: match[1]!.replace(/^\.\//, ""),
      line: Number(match[2]),
      column: Number(match[3]),
      severity: "error",
      message: match[4]!,
    });
  }
  return problems;
}
