import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { projects } from "./projects";
import { type CheckRunAnnotationValue, pullRequests } from "./pull-requests";
import { runs } from "./runs";

export const validationStatus = pgEnum("validation_status", [
  "pending",
  "running",
  "passed",
  "failed",
  "cancelled",
  "error",
]);
export const previewStatus = pgEnum("preview_status", ["starting", "ready", "crashed", "stopped", "failed"]);

export type CommandResult = {
  command: string;
  exitCode: number | null;
  signal?: string | null;
  durationMs: number;
  timedOut?: boolean;
  output: string;
  /** What the output says, parsed (lib/validation/evidence): failing and passing tests, problems. */
  evidence?: CommandEvidence;
};

/** A command's parsed output as stored with its validation, bounded (lib/validation/command-evidence.ts). */
export type CommandEvidence = {
  format: string;
  failing: {
    name: string;
    message?: string;
    expected?: string;
    actual?: string;
    location?: { file: string; line?: number; column?: number };
  }[];
  passing: string[];
  problems: {
    tool: string;
    file: string;
    line?: number;
    column?: number;
    severity: "error" | "warning";
    rule?: string;
    message: string;
  }[];
  counts?: { passed?: number; failed?: number; skipped?: number };
  excerpt?: string;
  /** Check-run annotations at the file:line of each failure and problem, relative to the repository. */
  annotations: CheckRunAnnotationValue[];
};
export type BrowserCheck = {
  page: string;
  status: number | null;
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
  screenshot?: string;
};
export type AcceptanceResult = {
  description: string;
  passed: boolean;
  evidence: string;
  /** How it was decided: the named test, the page's browser check, or the judge model. */
  method?: "test" | "page" | "judge";
};

// One row per attempt of a run.
export const validations = pgTable(
  "validations",
  {
    id: id(),
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    // The run's project, so a project's newest validation is one index probe (its card).
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    attempt: integer().notNull(),
    status: validationStatus().notNull().default("pending"),
    headSha: text(),
    setup: jsonb().$type<CommandResult[]>().notNull().default([]),
    setupCacheHit: text(),
    tests: jsonb().$type<CommandResult[]>().notNull().default([]),
    browserChecks: jsonb().$type<BrowserCheck[]>().notNull().default([]),
    acceptance: jsonb().$type<AcceptanceResult[]>().notNull().default([]),
    summary: text(),
    artifacts: jsonb().$type<{ name: string; path: string; kind: "log" | "screenshot" }[]>().notNull().default([]),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    // When its result went to the git host (commit status, check run, PR comment): once per attempt.
    reportedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    unique().on(table.runId, table.attempt),
    index().on(table.projectId, table.createdAt.desc()),
    // Insights roll up the validations that finished in a range of days.
    index("validations_finished_at_idx").on(table.finishedAt).where(sql`${table.finishedAt} is not null`),
  ],
);

export const previews = pgTable(
  "previews",
  {
    id: id(),
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    pullRequestId: uuid().references(() => pullRequests.id, { onDelete: "set null" }),
    headSha: text(),
    // The validation attempt that started it (null for rows written before this column).
    attempt: integer(),
    url: text(),
    port: integer(),
    status: previewStatus().notNull().default("starting"),
    restarts: integer().notNull().default(0),
    lastError: text(),
    // The app instance whose processes run it (MERGELINE_INSTANCE_ID): its URL is on that host.
    instance: text(),
    startedAt: createdAt(),
    stoppedAt: timestamp({ withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (table) => [index().on(table.runId), index().on(table.status)],
);

export type Validation = typeof validations.$inferSelect;
export type Preview = typeof previews.$inferSelect;
