import { index, integer, jsonb, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { projects } from "./projects";

// Issues read from the git provider (GitHub issues; local projects have none of their own).
export const issues = pgTable(
  "issues",
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    number: integer().notNull(),
    title: text().notNull(),
    body: text().notNull().default(""),
    url: text(),
    state: text().notNull().default("open"),
    author: text(),
    labels: jsonb().$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [unique().on(table.projectId, table.number), index().on(table.projectId, table.state)],
);

export type Issue = typeof issues.$inferSelect;
