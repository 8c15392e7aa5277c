import type { CheckRunAnnotationValue } from "@/db/schema";
// The shapes the evidence module hands to validation, prompts, PR comments and check runs:
// plain JSON, so they can be stored with a validation and sent to the browser as they are.

export type SourceLocation = { file: string; line?: number; column?: number };

export type FailingTest = {
  /** The full name as the runner prints it; nesting (describe blocks, subtests) joined with " > ". */
  name: string;
  message?: string;
  expected?: string;
  actual?: string;
  location?: SourceLocation;
};

export type Problem = {
  /** eslint, tsc, biome, ruff, flake8, go, rustc. */
  tool: string;
  file: string;
  line?: number;
  column?: number;
  severity: "error" | "warning";
  rule?: string;
  message: string;
};

export type TestCounts = { passed?: number; failed?: number; skipped?: number };

export type ParsedOutput = {
  /** The formats found, joined with "+" when the output holds several ("eslint+tap"); "unknown" when none. */
  format: string;
  failing: FailingTest[];
  passing: string[];
  problems: Problem[];
  /** Lines around the first failure markers, when no parser recognized the output. */
  excerpt?: string;
  counts?: TestCounts;
};

export type TestLookup = { status: "passed" | "failed" | "absent"; test?: FailingTest; name?: string };

/** A check-run annotation (db/schema's shape), always titled, for a failure or a problem. */
export type CheckAnnotation = CheckRunAnnotationValue & { level: "failure" | "warning"; title: string };
