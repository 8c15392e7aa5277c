import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, id, updatedAt } from "./columns";
import { issues } from "./issues";
import { type AgentChoice, type ProjectSettings, projects } from "./projects";

// The words of the run state machine (DESIGN.md); other systems rely on them exactly.
export const runStates = [
  "queued",
  "planning",
  "awaiting_approval",
  "coding",
  "pr_open",
  "validating",
  "fixing",
  "ready",
  "merging",
  "merged",
  "failed",
  "cancelled",
  "needs_human",
] as const;
export type RunState = (typeof runStates)[number];

export const runState = pgEnum("run_state", runStates);
export const runSource = pgEnum("run_source", ["issue", "dashboard", "api", "task", "studio"]);
export const planStatus = pgEnum("plan_status", ["proposed", "edited", "approved", "rejected"]);

export type RunBudget = { maxAttempts: number; maxDollars: number; maxMinutes: number };

export const runs = pgTable(
  "runs",
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    issueId: uuid().references(() => issues.id, { onDelete: "set null" }),
    source: runSource().notNull(),
    goal: text().notNull(),
    requirements: text(),
    acceptanceCriteria: jsonb().$type<string[]>().notNull().default([]),
    priority: integer().notNull().default(0),
    state: runState().notNull().default("queued"),
    stateReason: text(),
    // When the run entered its current state: stage durations are measured from it.
    stateChangedAt: timestamp({ withTimezone: true }),
    baseBranch: text().notNull(),
    branch: text(),
    autoConfirm: boolean().notNull().default(false),
    // What made autoConfirm true when the run was created, so an automatic approval names
    // it: "project" (the project's autoConfirmPlans) or "run" (asked for by whoever started
    // it while the setting was off). Null when plans wait for a person, and for older runs.
    autoConfirmSource: text().$type<"project" | "run">(),
    attempt: integer().notNull().default(0),
    // The coding agents this run asked for: one (the project's choice overridden), or 2 to 4
    // for best-of-N attempts. Null: the project's agent.
    agents: jsonb().$type<AgentChoice[]>(),
    // What the repository's .mergeline.yml set for this run (read once, from the base branch,
    // when the project allows it): loadRun lays it over the project's settings.
    settingsOverrides: jsonb().$type<Partial<ProjectSettings>>(),
    budget: jsonb().$type<RunBudget>().notNull(),
    costUsd: numeric({ precision: 12, scale: 6 }).notNull().default("0"),
    inputTokens: integer().notNull().default(0),
    outputTokens: integer().notNull().default(0),
    // Sequence number of the newest run_events row: clients compare it to spot gaps.
    lastSeq: integer().notNull().default(0),
    // The one status comment on the run's issue, edited in place as the run progresses.
    statusCommentId: text(),
    // The run's `lastSeq` when reporting (lib/reporting/report-run.ts) last mirrored it to the
    // git host: reports of older state changes have nothing left to do.
    reportedSeq: integer().notNull().default(0),
    // The `run/requested` event that started the run's pipeline (Inngest's id for it) and
    // when it was sent: reconciliation (lib/runs/reconcile-runs.ts) asks Inngest for the
    // function runs of that event to find a run with nothing behind it. Resumes counts how
    // often reconciliation sent it again.
    pipelineEventId: text(),
    pipelineEventAt: timestamp({ withTimezone: true }),
    pipelineResumes: integer().notNull().default(0),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index().on(table.projectId, table.createdAt.desc()),
    index().on(table.state).where(sql`${table.state} not in ('merged', 'failed', 'cancelled')`),
    // A project's live runs and its runs that need a person: the cards' counts, lists and
    // status filters probe these per project. Queries must repeat the predicates verbatim.
    index("runs_project_active_idx")
      .on(table.projectId, table.createdAt.desc())
      .where(sql`${table.state} not in ('merged', 'failed', 'cancelled', 'needs_human')`),
    index("runs_project_attention_idx")
      .on(table.projectId, table.stateChangedAt.desc())
      .where(sql`${table.state} in ('awaiting_approval', 'needs_human', 'failed')`),
    // Runs that need a person (notifications), newest first.
    index("runs_attention_idx")
      .on(table.stateChangedAt.desc())
      .where(sql`${table.state} in ('awaiting_approval', 'needs_human', 'failed')`),
    // Insights roll days up (lib/insights): runs started, and ended, in a range of days.
    index("runs_created_at_idx").on(table.createdAt),
    index("runs_finished_at_idx").on(table.finishedAt).where(sql`${table.finishedAt} is not null`),
  ],
);

export type PlanContent = {
  summary: string;
  steps: { title: string; detail?: string }[];
  files: string[];
  acceptanceChecks: { description: string; test?: string; page?: string }[];
};

// Versioned: every proposal, edit and decision is a new row; nothing is overwritten.
export const plans = pgTable(
  "plans",
  {
    id: id(),
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    status: planStatus().notNull(),
    content: jsonb().$type<PlanContent>().notNull(),
    authorId: text().references(() => users.id, { onDelete: "set null" }),
    reason: text(),
    createdAt: createdAt(),
  },
  (table) => [unique().on(table.runId, table.version)],
);

// What a run's timeline records. `state.changed` rows carry from/to; the others say what
// happened in between (a plan version, an attempt's summary, a request by a person...).
export const runEventTypes = [
  "state.changed",
  "plan.proposed",
  "plan.edited",
  "plan.approved",
  "plan.rejected",
  "issue.plan_posted",
  "agent.attempt",
  "agent.candidates",
  "candidate.picked",
  "repository.config",
  "preview.updated",
  "validation.completed",
  "merge.requested",
  "merge.waiting_for_checks",
  "merge.auto_enabled",
  "cancel.requested",
  "feedback.received",
  "feedback.claimed",
  "feedback.answered",
  "run.retry_of",
  "run.retried",
  "review.completed",
  "attempt.strategy",
  "scope.simplified",
] as const;
export type RunEventType = (typeof runEventTypes)[number];

// Append-only timeline: (run_id, seq) is unique, so a replayed write cannot duplicate.
export const runEvents = pgTable(
  "run_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    seq: integer().notNull(),
    type: text().$type<RunEventType>().notNull(),
    fromState: runState(),
    toState: runState(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (table) => [unique().on(table.runId, table.seq)],
);

export type Run = typeof runs.$inferSelect;
export type NewRun = typeof runs.$inferInsert;
export type Plan = typeof plans.$inferSelect;
export type RunEvent = typeof runEvents.$inferSelect;
