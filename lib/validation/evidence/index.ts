// The evidence module's surface for validation, prompts, PR comments and check runs.
export { annotationsOf, type AnnotationOptions } from "./annotations-of";
export { findTest } from "./find-test";
export { parseTestOutput } from "./parse-test-output";
export { type EvidenceInput, renderEvidence } from "./render-evidence";
export type {
  CheckAnnotation,
  FailingTest,
  ParsedOutput,
  Problem,
  SourceLocation,
  TestCounts,
  TestLookup,
} from "./types";
