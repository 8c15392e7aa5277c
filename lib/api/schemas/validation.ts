import { z } from "zod";
import { type Validation, validationStatus } from "@/db/schema";
import { iso, isoDate, isoOrNull } from "./common";

const commandResultSchema = z.object({
  command: z.string(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable().optional(),
  durationMs: z.number(),
  timedOut: z.boolean().optional(),
  output: z.string().describe("The end of the command's output"),
});

export const apiValidationSummarySchema = z.object({
  id: z.uuid(),
  attempt: z.number().int(),
  status: z.enum(validationStatus.enumValues),
  summary: z.string().nullable(),
  startedAt: isoDate.nullable(),
  finishedAt: isoDate.nullable(),
});

export const apiValidationSchema = apiValidationSummarySchema.extend({
  runId: z.uuid(),
  headSha: z.string().nullable(),
  setup: z.array(commandResultSchema),
  setupCacheHit: z.string().nullable(),
  tests: z.array(commandResultSchema),
  browserChecks: z.array(
    z.object({
      page: z.string(),
      status: z.number().int().nullable(),
      consoleErrors: z.array(z.string()),
      pageErrors: z.array(z.string()),
      failedRequests: z.array(z.string()),
      screenshot: z.string().optional(),
    }),
  ),
  acceptance: z.array(z.object({ description: z.string(), passed: z.boolean(), evidence: z.string() })),
  artifacts: z.array(z.object({ name: z.string(), path: z.string(), kind: z.enum(["log", "screenshot"]) })),
  createdAt: isoDate,
});

export type ApiValidationSummary = z.input<typeof apiValidationSummarySchema>;
export type ApiValidation = z.input<typeof apiValidationSchema>;

export function toApiValidationSummary(validation: Validation): ApiValidationSummary {
  const { id, attempt, status, summary, startedAt, finishedAt } = validation;
  return { id, attempt, status, summary, startedAt: isoOrNull(startedAt), finishedAt: isoOrNull(finishedAt) };
}

export function toApiValidation(validation: Validation): ApiValidation {
  return {
    ...toApiValidationSummary(validation),
    runId: validation.runId,
    headSha: validation.headSha,
    setup: validation.setup,
    setupCacheHit: validation.setupCacheHit,
    tests: validation.tests,
    browserChecks: validation.browserChecks,
    acceptance: validation.acceptance,
    artifacts: validation.artifacts,
    createdAt: iso(validation.createdAt),
  };
}
