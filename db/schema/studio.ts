import { jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, id, updatedAt } from "./columns";
import { projects } from "./projects";

export const studioStatus = pgEnum("studio_status", ["active", "ended"]);

// Interactive sessions: a person and the agent working on a branch together.
export const studioSessions = pgTable("studio_sessions", {
  id: id(),
  projectId: uuid()
    .notNull()
    .references(() => projects.id, { onDelete: "cascade" }),
  userId: text().references(() => users.id, { onDelete: "set null" }),
  status: studioStatus().notNull().default("active"),
  branch: text(),
  transcript: jsonb().$type<{ role: string; content: unknown; at: string }[]>().notNull().default([]),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  endedAt: timestamp({ withTimezone: true }),
});

export type StudioSession = typeof studioSessions.$inferSelect;
