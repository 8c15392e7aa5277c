import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, id, updatedAt } from "./columns";
import { projects } from "./projects";
import { pullRequests } from "./pull-requests";
import { runs } from "./runs";

// The words of a studio session's life (issue 18); the API and the page show them as they are.
export const studioSessionStatuses = ["starting", "running", "restarting", "stopped", "failed", "finalized"] as const;
export type StudioSessionStatus = (typeof studioSessionStatuses)[number];
export const studioStatus = pgEnum("studio_status", studioSessionStatuses);

// Interactive sessions: a person and the agent changing a running app on a branch together.
export const studioSessions = pgTable(
  "studio_sessions",
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    userId: text().references(() => users.id, { onDelete: "set null" }),
    status: studioStatus().notNull().default("starting"),
    // Why it is in its status (a failed start, the idle timeout, a person's stop).
    statusReason: text(),
    branch: text(),
    baseBranch: text(),
    // The commit the branch started from, and its newest pushed commit.
    baseSha: text(),
    headSha: text(),
    // Where the dev server listens on the host's 127.0.0.1 (published from the sandbox).
    port: integer(),
    restarts: integer().notNull().default(0),
    // A person's last request (message, write, rollback, a page through the proxy): the idle timeout counts from it.
    lastActivityAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // Finalize: the run that validates and merges the session's pull request.
    runId: uuid().references(() => runs.id, { onDelete: "set null" }),
    pullRequestId: uuid().references(() => pullRequests.id, { onDelete: "set null" }),
    // Unused since the sessions of issue 18 keep their chat in studio_messages.
    transcript: jsonb().$type<{ role: string; content: unknown; at: string }[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    endedAt: timestamp({ withTimezone: true }),
  },
  (table) => [index().on(table.projectId, table.createdAt.desc()), index().on(table.status)],
);

export type StudioSession = typeof studioSessions.$inferSelect;

export const studioCommitKinds = ["start", "edit", "write", "rollback"] as const;
export type StudioCommitKind = (typeof studioCommitKinds)[number];
export const studioCommitKind = pgEnum("studio_commit_kind", studioCommitKinds);

// The session's history: one row per commit on its branch (the start, every edit, every rollback).
export const studioCommits = pgTable(
  "studio_commits",
  {
    id: id(),
    sessionId: uuid()
      .notNull()
      .references(() => studioSessions.id, { onDelete: "cascade" }),
    sha: text().notNull(),
    kind: studioCommitKind().notNull(),
    description: text().notNull(),
    message: text().notNull(),
    // A rollback names the commit whose files it brought back.
    restoredSha: text(),
    files: jsonb().$type<string[]>().notNull().default([]),
    userId: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (table) => [unique().on(table.sessionId, table.sha), index().on(table.sessionId, table.createdAt)],
);

export type StudioCommit = typeof studioCommits.$inferSelect;

export const studioMessageRoles = ["user", "assistant", "tool", "system"] as const;
export type StudioMessageRole = (typeof studioMessageRoles)[number];
export const studioMessageRole = pgEnum("studio_message_role", studioMessageRoles);

// The chat: a person's instructions and the agent's steps (text, tool calls and results), redacted.
export const studioMessages = pgTable(
  "studio_messages",
  {
    id: id(),
    sessionId: uuid()
      .notNull()
      .references(() => studioSessions.id, { onDelete: "cascade" }),
    role: studioMessageRole().notNull(),
    // The instruction a row belongs to (its own id for the person's message).
    requestId: uuid(),
    content: jsonb().$type<StudioMessageContent>().notNull(),
    createdAt: createdAt(),
  },
  (table) => [index().on(table.sessionId, table.createdAt)],
);

export type StudioMessageContent =
  | { type: "text"; text: string }
  | { type: "tool-call"; toolName: string; input: unknown }
  | { type: "tool-result"; toolName: string; output: unknown }
  | { type: "status"; text: string; commitSha?: string | null };

export type StudioMessage = typeof studioMessages.$inferSelect;

// Links that open a preview or a studio app without signing in, until they expire.
export const previewShareLinks = pgTable(
  "preview_share_links",
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    // The preview host's first label (pr-12--demo-cart, studio-<id>): what the link opens.
    hostLabel: text().notNull(),
    tokenHash: text().notNull().unique(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (table) => [index().on(table.projectId, table.createdAt.desc())],
);

export type PreviewShareLink = typeof previewShareLinks.$inferSelect;
