import type { CheckRunAnnotation } from "@/lib/git-provider/types";

// "path:line" as test runners and compilers print it, to point annotations at the line.
const locationPattern = /(?:^|\s|\()((?:[\w.-]+\/)*[\w.-]+\.[A-Za-z]{1,5}):(\d+)(?::\d+)?/;

/** File positions named in a failure summary, as failure annotations (at most 50). */
export function failureAnnotations(summary: string): CheckRunAnnotation[] {
  const seen = new Set<string>();
  const annotations: CheckRunAnnotation[] = [];
  for (const line of summary.split("\n")) {
    const match = locationPattern.exec(line);
    if (!match || match[1]!.startsWith("node:") || match[1]!.includes("node_modules")) continue;
    const key = `${match[1]}:${match[2]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const lineNumber = Number(match[2]);
    annotations.push({
      path: match[1]!,
      startLine: lineNumber,
      endLine: lineNumber,
      level: "failure",
      message: line.trim().slice(0, 1000),
      title: "Validation failure",
    });
    if (annotations.length >= 50) break;
  }
  return annotations;
}
