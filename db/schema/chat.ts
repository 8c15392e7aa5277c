import { index, jsonb, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, id, updatedAt } from "./columns";
import { projects } from "./projects";
import { runs } from "./runs";

// "Chat with a project" (lib/chat): a person's conversations about a project's code, runs
// and pull requests. Each person sees only their own.

export const chatMessageRole = pgEnum("chat_message_role", ["user", "assistant"]);
export type ChatMessageRole = (typeof chatMessageRole.enumValues)[number];

/** A message as the AI SDK's UI shows it: text, tool calls and their results, in order. */
export type ChatMessagePart = { type: string } & Record<string, unknown>;

export const chatConversations = pgTable(
  "chat_conversations",
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text().notNull(),
    // The run "Do it" started from the conversation.
    runId: uuid().references(() => runs.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index().on(table.projectId, table.userId, table.updatedAt)],
);

export const chatMessages = pgTable(
  "chat_messages",
  {
    id: id(),
    conversationId: uuid()
      .notNull()
      .references(() => chatConversations.id, { onDelete: "cascade" }),
    role: chatMessageRole().notNull(),
    parts: jsonb().$type<ChatMessagePart[]>().notNull(),
    createdAt: createdAt(),
  },
  (table) => [index().on(table.conversationId, table.createdAt)],
);

export type ChatConversation = typeof chatConversations.$inferSelect;
export type ChatMessage = typeof chatMessages.$inferSelect;
