import { type CodeLanguage, functionComplexity } from "@/lib/code-index/parse";
import { fingerprint } from "@/lib/reviews/fingerprint";
import type { ComplexityChange, DiffFile, Finding } from "@/lib/reviews/types";

// Past this size a file is minified or generated: parsing it tells a reviewer nothing.
const MAX_PARSED_BYTES = 512 * 1024;

/**
 * Cyclomatic complexity of the functions a diff touches, before and after. A function is
 * touched when an added line falls inside it; it is flagged when it ends above `threshold`
 * and went up (a function that was already that complex and did not get worse is not the
 * change's doing).
 */
export async function compareComplexity({
  file,
  language,
  before,
  after,
  threshold,
}: {
  file: DiffFile;
  language: CodeLanguage;
  before: string | null;
  after: string;
  threshold: number;
}): Promise<{ changes: ComplexityChange[]; findings: Finding[] }> {
  if (after.length > MAX_PARSED_BYTES || (before?.length ?? 0) > MAX_PARSED_BYTES) return { changes: [], findings: [] };
  const now = await functionComplexity({ language, content: after });
  const was = before ? await functionComplexity({ language, content: before }) : [];
  const previous = new Map<string, number>();
  for (const fn of was) previous.set(fn.name, Math.max(previous.get(fn.name) ?? 0, fn.complexity));
  const addedLines = file.addedLines.map((added) => added.line);
  const changes: ComplexityChange[] = [];
  const findings: Finding[] = [];
  for (const fn of now) {
    const touched = addedLines.some((line) => line >= fn.startLine && line <= fn.endLine);
    if (!touched) continue;
    const beforeValue = previous.get(fn.name) ?? null;
    if (beforeValue === fn.complexity) continue;
    const flagged = fn.complexity > threshold && (beforeValue === null || fn.complexity > beforeValue);
    changes.push({
      path: file.path,
      name: fn.name,
      startLine: fn.startLine,
      endLine: fn.endLine,
      before: beforeValue,
      after: fn.complexity,
      flagged,
    });
    if (!flagged) continue;
    // The comment goes on the first added line inside the function: a line the diff shows.
    const line = addedLines.find((added) => added >= fn.startLine && added <= fn.endLine) ?? fn.startLine;
    findings.push({
      kind: "complexity",
      severity: "low",
      path: file.path,
      line,
      title: `${fn.name} is too complex (${fn.complexity})`,
      message: `The cyclomatic complexity of ${fn.name} is ${fn.complexity}${beforeValue === null ? "" : ` (was ${beforeValue})`}, above the project's threshold of ${threshold}.`,
      suggestion: "Split it into smaller functions, or return early instead of nesting conditions.",
      source: "complexity",
      fingerprint: fingerprint("complexity", file.path, fn.name),
    });
  }
  return { changes, findings };
}
