import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { projects } from "./projects";
import { runs } from "./runs";

export const pullRequestState = pgEnum("pull_request_state", ["open", "closed", "merged"]);
export const commitStatusState = pgEnum("commit_status_state", ["pending", "success", "failure", "error"]);

// For GitHub projects a mirror of the real PR; for local projects the PR itself.
export const pullRequests = pgTable(
  "pull_requests",
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    runId: uuid().references(() => runs.id, { onDelete: "set null" }),
    number: integer().notNull(),
    title: text().notNull(),
    body: text().notNull().default(""),
    headBranch: text().notNull(),
    baseBranch: text().notNull(),
    headSha: text(),
    state: pullRequestState().notNull().default("open"),
    url: text(),
    mergeCommitSha: text(),
    mergedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique().on(table.projectId, table.number),
    index().on(table.runId),
    // Insights roll up the pull requests opened in a range of days.
    index("pull_requests_created_at_idx").on(table.createdAt),
  ],
);

// Comments on issues and PRs of local projects (GitHub keeps its own).
export const comments = pgTable(
  "comments",
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    number: integer().notNull(),
    author: text().notNull(),
    body: text().notNull(),
    // A reply to a review comment names the comment it answers.
    inReplyTo: text(),
    // A review comment (lib/reviews) is at a file and line of the PR's head.
    path: text(),
    line: integer(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index().on(table.projectId, table.number)],
);

// Commit statuses of local projects, one per (sha, context) like GitHub's.
export const commitStatuses = pgTable(
  "commit_statuses",
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    sha: text().notNull(),
    context: text().notNull(),
    state: commitStatusState().notNull(),
    description: text(),
    targetUrl: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [unique().on(table.projectId, table.sha, table.context)],
);

export type CheckRunAnnotationValue = {
  path: string;
  startLine: number;
  endLine: number;
  level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
};

// Check runs of local projects, one per (sha, name) like GitHub's: a newer report updates it.
export const checkRuns = pgTable(
  "check_runs",
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    sha: text().notNull(),
    name: text().notNull(),
    status: text().$type<"queued" | "in_progress" | "completed">().notNull(),
    conclusion: text().$type<"success" | "failure" | "neutral" | "cancelled" | "action_required">(),
    title: text().notNull(),
    summary: text().notNull(),
    text: text(),
    annotations: jsonb().$type<CheckRunAnnotationValue[]>().notNull().default([]),
    detailsUrl: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [unique().on(table.projectId, table.sha, table.name)],
);

export type CheckRun = typeof checkRuns.$inferSelect;
export type PullRequest = typeof pullRequests.$inferSelect;
export type Comment = typeof comments.$inferSelect;
export type CommitStatus = typeof commitStatuses.$inferSelect;
