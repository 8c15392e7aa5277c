import { z } from "zod";

const rate = z.number().min(0).max(1).nullable();
const durations = z
  .object({
    p50: z.number().nullable(),
    p90: z.number().nullable(),
    count: z.number().int().describe("Samples the percentiles are of"),
  })
  .describe("Seconds: median and 90th percentile, exact over every sample of the period");

export const apiInsightsSchema = z.object({
  scope: z.object({ teamId: z.uuid(), projectId: z.uuid().nullable() }),
  from: z.iso.date(),
  to: z.iso.date(),
  rolledUpAt: z.iso.datetime().nullable().describe("When the newest daily rollup read was computed"),
  totals: z.object({
    runsStarted: z.number().int(),
    runsEnded: z.number().int().describe("Runs that ended in the period, cancelled ones included"),
    merged: z.number().int(),
    failed: z.number().int(),
    cancelled: z.number().int(),
    needsHuman: z.number().int().describe("Runs handed to a person (ended needs_human)"),
    autoMerged: z.number().int(),
    successRate: rate.describe("merged / (merged + failed + needsHuman); cancelled runs count neither way"),
    errorRate: rate.describe("failed / (merged + failed + needsHuman)"),
    needsHumanRate: rate.describe("needsHuman / (merged + failed + needsHuman)"),
    autoMergeRate: rate.describe("Runs merged by policy with no person's merge request / merged"),
    firstAttemptPassRate: rate.describe("First validation attempts that passed / first attempts that finished"),
    firstAttempts: z.number().int(),
    fixAttemptPassRate: rate.describe("Fix attempts (second and later validations) that passed / those that finished"),
    fixAttempts: z.number().int(),
    retrySuccessRate: rate.describe("Retried runs (POST /runs/{id}/retry) that merged / those that ended"),
    retries: z
      .array(
        z.object({
          strategy: z.string().describe('The retry strategy; "default" when none was named'),
          ended: z.number().int(),
          merged: z.number().int(),
          successRate: rate,
        }),
      )
      .describe("Retried runs by strategy"),
    timeToPrSeconds: durations.describe("From a run's creation to its pull request"),
    timeToMergeSeconds: durations.describe("From a run's creation to its merge"),
    validationSeconds: durations.describe("How long validations took"),
    costUsd: z.number().describe("Model spend of the runs that ended in the period"),
    tokens: z.number().describe("Model tokens (input and output) of the runs that ended in the period"),
    costPerMergedRunUsd: z.number().nullable().describe("costUsd / merged: failed runs' spend included"),
    tokensPerMergedRun: z.number().nullable(),
    failingTests: z
      .array(z.object({ name: z.string(), failures: z.number().int().describe("Validations it failed in") }))
      .describe("The most frequent failing tests, at most 10"),
  }),
  daily: z.array(
    z.object({
      date: z.iso.date(),
      started: z.number().int(),
      merged: z.number().int(),
      failed: z.number().int(),
      cancelled: z.number().int(),
      needsHuman: z.number().int(),
      successRate: rate,
      timeToPrSeconds: durations,
      timeToMergeSeconds: durations,
      validationSeconds: durations,
      firstAttemptPassRate: rate,
      costUsd: z.number(),
      tokens: z.number(),
    }),
  ),
});
