import { index, integer, jsonb, pgEnum, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { runs } from "./runs";

export const agentMessagePurpose = pgEnum("agent_message_purpose", ["plan", "code", "judge"]);
export const agentMessageRole = pgEnum("agent_message_role", ["system", "user", "assistant", "tool"]);

// The agent's transcript: one row per prompt, answer text or tool call (with its result),
// recorded as each step of the model's tool loop ends. Trimmed and redacted before it is
// written: it is shown on the run page, so it must never hold a project secret.
export const agentMessages = pgTable(
  "agent_messages",
  {
    id: id(),
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    attempt: integer().notNull().default(0),
    purpose: agentMessagePurpose().notNull(),
    // Order within (run, attempt, purpose); a retried step continues the numbering.
    seq: integer().notNull(),
    // The tool loop's step number (0 for the prompt).
    step: integer().notNull().default(0),
    role: agentMessageRole().notNull(),
    content: text().notNull().default(""),
    toolCallId: text(),
    toolName: text(),
    toolInput: jsonb().$type<unknown>(),
    toolOutput: text(),
    // The error message when the tool failed (toolOutput is then null).
    toolError: text(),
    createdAt: createdAt(),
  },
  (table) => [
    unique().on(table.runId, table.purpose, table.attempt, table.seq),
    index().on(table.runId, table.createdAt),
  ],
);

export type AgentMessage = typeof agentMessages.$inferSelect;
export type NewAgentMessage = typeof agentMessages.$inferInsert;
export type AgentMessagePurpose = (typeof agentMessagePurpose.enumValues)[number];
