import type { CheckAnnotation, ParsedOutput } from "./types";
import { workspacePath } from "./workspace-path";

export type AnnotationOptions = {
  /** The workspace's absolute path: absolute paths under it become repository paths, others are dropped. */
  workspacePath?: string;
  /** Maps a path the runner printed that is not a repository path (go prints `x_test.go` for `pkg/x_test.go`). */
  resolvePath?: (file: string) => string | undefined;
  /** GitHub takes 50 annotations per request. */
  limit?: number;
};

const MAX_MESSAGE = 2000;

function bounded(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}\n[...]` : text;
}

/**
 * Check-run annotations for the failing tests and problems that have a file and line, on
 * repository-relative paths: failures and errors as "failure", warnings as "warning".
 */
export function annotationsOf(parsed: ParsedOutput, options: AnnotationOptions = {}): CheckAnnotation[] {
  const limit = options.limit ?? 50;
  const resolve = (file: string) => {
    const mapped = options.resolvePath?.(file);
    if (mapped) return workspacePath(mapped, options.workspacePath);
    // go test prints a file relative to its package's directory, which the output does not name.
    if (file.endsWith(".go") && !file.includes("/")) return undefined;
    return workspacePath(file, options.workspacePath);
  };
  const annotations: CheckAnnotation[] = [];
  const seen = new Set<string>();
  const add = (annotation: CheckAnnotation) => {
    const key = `${annotation.path}:${annotation.startLine}:${annotation.title}:${annotation.message}`;
    if (seen.has(key) || annotations.length >= limit) return;
    seen.add(key);
    annotations.push(annotation);
  };
  for (const test of parsed.failing) {
    if (!test.location?.line) continue;
    const path = resolve(test.location.file);
    if (!path) continue;
    const details = [
      test.message,
      test.expected !== undefined ? `expected: ${test.expected}` : "",
      test.actual !== undefined ? `actual: ${test.actual}` : "",
    ];
    add({
      path,
      startLine: test.location.line,
      endLine: test.location.line,
      level: "failure",
      message: bounded(details.filter(Boolean).join("\n") || "The test failed."),
      title: `Failing test: ${test.name}`.slice(0, 255),
    });
  }
  for (const problem of parsed.problems) {
    if (!problem.line) continue;
    const path = resolve(problem.file);
    if (!path) continue;
    add({
      path,
      startLine: problem.line,
      endLine: problem.line,
      level: problem.severity === "error" ? "failure" : "warning",
      message: bounded(problem.message),
      title: [problem.tool, problem.rule].filter(Boolean).join(" ").slice(0, 255),
    });
  }
  return annotations;
}
