import {
  bigint,
  date,
  doublePrecision,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { projects } from "./projects";
import { teams } from "./teams";

/** Runs retried (a `run.retry_of` run) that ended, and how many merged, per strategy. */
export type RetryOutcomes = Record<string, { ended: number; merged: number }>;

// What the insights page reads: one row per project and day (UTC), and one per team and
// day (project_id null), kept by the roll-up-insights function (lib/insights). Each figure
// is attributed to the day its event happened: a run to the day it ended, a pull request
// to the day it opened, a validation to the day it finished. Durations are kept as samples
// (seconds), so percentiles over any period are exact.
export const insightDailyRollups = pgTable(
  "insight_daily_rollups",
  {
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    projectId: uuid().references(() => projects.id, { onDelete: "cascade" }),
    day: date({ mode: "string" }).notNull(),
    runsStarted: integer().notNull().default(0),
    runsMerged: integer().notNull().default(0),
    runsFailed: integer().notNull().default(0),
    runsCancelled: integer().notNull().default(0),
    runsNeedsHuman: integer().notNull().default(0),
    // Merged by the pipeline on its own (policy), with no person's merge request.
    runsAutoMerged: integer().notNull().default(0),
    // Spend of the runs that ended that day.
    costUsd: numeric({ precision: 14, scale: 6 }).notNull().default("0"),
    inputTokens: bigint({ mode: "number" }).notNull().default(0),
    outputTokens: bigint({ mode: "number" }).notNull().default(0),
    // From the run's creation to its pull request, and to its merge; validations' own durations.
    prSeconds: doublePrecision().array().notNull().default([]),
    mergeSeconds: doublePrecision().array().notNull().default([]),
    validationSeconds: doublePrecision().array().notNull().default([]),
    // The row's own medians and 90th percentiles of those samples, so a daily series reads
    // no sample (a period's percentiles are computed over the samples themselves).
    prP50: doublePrecision(),
    prP90: doublePrecision(),
    mergeP50: doublePrecision(),
    mergeP90: doublePrecision(),
    validationP50: doublePrecision(),
    validationP90: doublePrecision(),
    // Validations that finished passed or failed: first attempts, and fix attempts (2nd and later).
    firstAttempts: integer().notNull().default(0),
    firstAttemptsPassed: integer().notNull().default(0),
    fixAttempts: integer().notNull().default(0),
    fixAttemptsPassed: integer().notNull().default(0),
    retries: jsonb().$type<RetryOutcomes>().notNull().default({}),
    // Failing test name -> validations it failed in.
    failingTests: jsonb().$type<Record<string, number>>().notNull().default({}),
    rolledUpAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique("insight_daily_rollups_scope_day").on(table.teamId, table.projectId, table.day).nullsNotDistinct(),
  ],
);

// Days before `complete_through` are final: the scheduled roll-up recomputes only later ones.
export const insightRollupState = pgTable("insight_rollup_state", {
  id: text().primaryKey(),
  completeThrough: date({ mode: "string" }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type InsightDailyRollup = typeof insightDailyRollups.$inferSelect;
