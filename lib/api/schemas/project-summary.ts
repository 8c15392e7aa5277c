import { z } from "zod";
import { projectStatusFilters, type ProjectSummary } from "@/db/queries/project-summaries";
import { pullRequestState, runStates, validationStatus } from "@/db/schema";
import { isoDate } from "./common";

const toIso = (value: string | null) => (value === null ? null : new Date(value).toISOString());

const summaryRunSchema = z.object({ id: z.uuid(), goal: z.string(), state: z.enum(runStates), createdAt: isoDate });

/** The figures of a project's dashboard card (the same query serves both). */
export const apiProjectSummarySchema = z.object({
  activeRuns: z.array(summaryRunSchema).describe("Runs not yet ended, newest first, at most 3"),
  activeRunCount: z.number().int(),
  attentionCount: z
    .number()
    .int()
    .describe("Runs that need a person: plans awaiting approval; runs failed or handed back in the last 14 days"),
  latestRun: summaryRunSchema.nullable(),
  lastPullRequest: z
    .object({
      number: z.number().int(),
      title: z.string(),
      state: z.enum(pullRequestState.enumValues),
      url: z.string().nullable(),
      runId: z.uuid().nullable(),
    })
    .nullable(),
  lastValidation: z
    .object({
      id: z.uuid(),
      runId: z.uuid(),
      attempt: z.number().int(),
      status: z.enum(validationStatus.enumValues),
      finishedAt: isoDate.nullable(),
    })
    .nullable(),
  successRate: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe("Merged / (merged + failed + needs_human) among runs started in the last 30 days; null with none"),
  endedRuns30d: z.number().int(),
  medianMinutesToMerge: z
    .number()
    .nullable()
    .describe("Median start-to-merge time of runs started in the last 30 days"),
  spendThisWeekUsd: z.number().describe("Model cost of runs started since Monday 00:00 UTC"),
});

export const projectStatusQuery = z
  .enum(projectStatusFilters)
  .default("all")
  .describe("active: has runs in progress; attention: has runs that need a person; idle: none in progress");

export function toApiProjectSummary(summary: ProjectSummary): z.input<typeof apiProjectSummarySchema> {
  const run = (value: ProjectSummary["latestRun"]) =>
    value && { ...value, createdAt: new Date(value.createdAt).toISOString() };
  return {
    activeRuns: summary.activeRuns.map((value) => run(value)!),
    activeRunCount: summary.activeRunCount,
    attentionCount: summary.attentionCount,
    latestRun: run(summary.latestRun),
    lastPullRequest: summary.lastPullRequest,
    lastValidation: summary.lastValidation && {
      ...summary.lastValidation,
      finishedAt: toIso(summary.lastValidation.finishedAt),
    },
    successRate: summary.successRate,
    endedRuns30d: summary.endedRuns30d,
    medianMinutesToMerge: summary.medianMinutesToMerge,
    spendThisWeekUsd: summary.spendThisWeekUsd,
  };
}
