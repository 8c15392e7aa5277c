import { index, integer, numeric, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { runs } from "./runs";

// One row per model call: tokens and cost per call, summed per run.
export const modelCalls = pgTable(
  "model_calls",
  {
    id: id(),
    runId: uuid().references(() => runs.id, { onDelete: "cascade" }),
    purpose: text().notNull(),
    model: text().notNull(),
    attempt: integer().notNull().default(0),
    inputTokens: integer().notNull().default(0),
    outputTokens: integer().notNull().default(0),
    costUsd: numeric({ precision: 12, scale: 6 }).notNull().default("0"),
    durationMs: integer().notNull().default(0),
    createdAt: createdAt(),
  },
  (table) => [index().on(table.runId)],
);

export type ModelCall = typeof modelCalls.$inferSelect;
