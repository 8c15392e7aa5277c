import { z } from "zod";
import type { Review, ReviewFinding } from "@/db/schema";
import { isoDate, isoOrNull, iso } from "@/lib/api/schemas/common";

export const apiReviewFindingSchema = z.object({
  id: z.uuid(),
  kind: z.enum(["secret", "vulnerability", "complexity", "ai"]),
  severity: z.enum(["critical", "high", "medium", "low", "info"]),
  path: z.string(),
  line: z.number().int(),
  title: z.string(),
  message: z.string().describe("Secrets are shown redacted, never their value"),
  suggestion: z.string().nullable(),
  source: z.string().describe("The secretlint rule, the advisory id, the complexity check or the model"),
  status: z.enum(["open", "resolved"]),
  resolvedSha: z.string().nullable(),
  posted: z.boolean().describe("Its comment is on the git host"),
});

export const apiReviewSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  runId: z.uuid().nullable(),
  attempt: z.number().int().nullable(),
  pullRequest: z.number().int(),
  trigger: z.enum(["run", "request", "auto"]),
  status: z.enum(["running", "completed", "failed"]),
  error: z.string().nullable(),
  baseSha: z.string().nullable(),
  headSha: z.string().nullable(),
  blockers: z
    .array(z.string())
    .describe("Why the project's merge policy refuses the PR as reviewed (empty: nothing blocks)"),
  metadata: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe("Files, lines added and removed, languages, generated and vendored files"),
  complexity: z
    .array(z.record(z.string(), z.unknown()))
    .describe("Changed functions' cyclomatic complexity before and after"),
  dependencies: z
    .array(z.record(z.string(), z.unknown()))
    .describe("Added, removed, upgraded and downgraded dependencies"),
  advisories: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('Known vulnerabilities; `checked: false` means "not checked" (no MERGELINE_ADVISORY_DB), never "none"'),
  aiReview: z.record(z.string(), z.unknown()).nullable(),
  progress: z
    .object({
      stage: z.enum(["analyzing", "ai", "recording"]),
      files: z.number().int().optional(),
      added: z.number().int().optional(),
      removed: z.number().int().optional(),
      findings: z.record(z.string(), z.number().int()).optional(),
    })
    .nullable()
    .describe(
      "How far the review got: static analysis running (analyzing), done with its counts and the AI review running (ai), findings being recorded; null before it starts",
    ),
  createdAt: isoDate,
  finishedAt: isoDate.nullable(),
});

export const apiReviewDetailsSchema = apiReviewSchema.extend({
  findings: z.array(apiReviewFindingSchema).describe("Every finding of the pull request after this review"),
});

export function toApiReview(review: Review): z.input<typeof apiReviewSchema> {
  return {
    id: review.id,
    projectId: review.projectId,
    runId: review.runId,
    attempt: review.attempt,
    pullRequest: review.pullRequestNumber,
    trigger: review.trigger,
    status: review.status,
    error: review.error,
    baseSha: review.baseSha,
    headSha: review.headSha,
    blockers: review.blockers,
    metadata: review.metadata ?? null,
    complexity: review.complexity,
    dependencies: review.dependencies,
    advisories: review.advisories ?? null,
    aiReview: review.aiReview ?? null,
    progress: review.progress ?? null,
    createdAt: iso(review.createdAt),
    finishedAt: isoOrNull(review.finishedAt),
  };
}

export function toApiReviewFinding(finding: ReviewFinding): z.input<typeof apiReviewFindingSchema> {
  return {
    id: finding.id,
    kind: finding.kind,
    severity: finding.severity,
    path: finding.path,
    line: finding.line,
    title: finding.title,
    message: finding.message,
    suggestion: finding.suggestion,
    source: finding.source,
    status: finding.status,
    resolvedSha: finding.resolvedSha,
    posted: finding.commentId !== null,
  };
}

export type ApiReviewDetails = z.output<typeof apiReviewDetailsSchema>;
