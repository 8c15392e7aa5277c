import { index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { projects } from "./projects";
import { runs } from "./runs";

// Reviews of pull requests (lib/reviews): a run's PR at each attempt, or any PR of a pinned
// repository on request. The value types live in lib/reviews/types.ts; jsonb here stays untyped
// beyond what the database needs, so db/ imports nothing from lib/.

export type ReviewStatus = "running" | "completed" | "failed";
export type ReviewTrigger = "run" | "request" | "auto";
/**
 * How far a running review is, for its page: `analyzing` (the static analysis of the diff),
 * `ai` (static analysis done, the AI review running), `recording` (findings being matched
 * with the PR's earlier ones); with the diff's size and the static findings so far, by kind.
 */
export type ReviewProgress = {
  stage: "analyzing" | "ai" | "recording";
  files?: number;
  added?: number;
  removed?: number;
  findings?: Record<string, number>;
};

export const reviews = pgTable(
  "reviews",
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    /** The run whose PR this is (null: a PR reviewed on request or automatically). */
    runId: uuid().references(() => runs.id, { onDelete: "cascade" }),
    /** The run's attempt it reviewed. */
    attempt: integer(),
    pullRequestNumber: integer().notNull(),
    trigger: text().$type<ReviewTrigger>().notNull(),
    /** Who asked (a user id, a GitHub login); null for runs and automatic reviews. */
    requestedBy: text(),
    baseSha: text(),
    headSha: text(),
    status: text().$type<ReviewStatus>().notNull().default("running"),
    error: text(),
    /** While running: how far it is (ReviewProgress); kept once it ends. */
    progress: jsonb().$type<ReviewProgress>(),
    /** DiffMetadata, ComplexityChange[], DependencyChange[], AdvisoryResult, AiReviewOutcome. */
    metadata: jsonb().$type<Record<string, unknown>>(),
    complexity: jsonb().$type<Record<string, unknown>[]>().notNull().default([]),
    dependencies: jsonb().$type<Record<string, unknown>[]>().notNull().default([]),
    advisories: jsonb().$type<Record<string, unknown>>(),
    aiReview: jsonb().$type<Record<string, unknown>>(),
    timings: jsonb().$type<Record<string, number>>().notNull().default({}),
    /** Why the project's merge policy refuses the PR as this review found it (empty: nothing blocks). */
    blockers: jsonb().$type<string[]>().notNull().default([]),
    /** Posted to the git host (review comments, check run) at. */
    publishedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index().on(table.projectId, table.pullRequestNumber, table.createdAt),
    index().on(table.runId),
    // One review per attempt of a run: a retried step finds the one it started.
    unique("reviews_run_attempt").on(table.runId, table.attempt),
  ],
);

// A finding lives on the PR, not on one review: a new commit that still has it updates it, one
// that no longer has it resolves it, and its comment on the git host is posted once.
export const reviewFindings = pgTable(
  "review_findings",
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    pullRequestNumber: integer().notNull(),
    /** The review that found it first, and the last one that still found it. */
    firstReviewId: uuid()
      .notNull()
      .references(() => reviews.id, { onDelete: "cascade" }),
    lastReviewId: uuid()
      .notNull()
      .references(() => reviews.id, { onDelete: "cascade" }),
    fingerprint: text().notNull(),
    kind: text().$type<"secret" | "vulnerability" | "complexity" | "ai">().notNull(),
    severity: text().$type<"critical" | "high" | "medium" | "low" | "info">().notNull(),
    path: text().notNull(),
    line: integer().notNull(),
    title: text().notNull(),
    message: text().notNull(),
    suggestion: text(),
    source: text().notNull(),
    status: text().$type<"open" | "resolved">().notNull().default("open"),
    /** The commit it was last seen on, and the one that resolved it. */
    headSha: text(),
    resolvedSha: text(),
    resolvedAt: timestamp({ withTimezone: true }),
    /** Its comment on the git host (a review comment on GitHub, a PR comment locally), once posted. */
    commentId: text(),
    /** The status the comment shows, so a resolution is written once. */
    commentStatus: text().$type<"open" | "resolved">(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique("review_findings_pull_fingerprint").on(table.projectId, table.pullRequestNumber, table.fingerprint),
    index().on(table.lastReviewId),
  ],
);

export type Review = typeof reviews.$inferSelect;
export type ReviewFinding = typeof reviewFindings.$inferSelect;
