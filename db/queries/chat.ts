import { and, asc, desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  type ChatConversation,
  type ChatMessage,
  type ChatMessagePart,
  type ChatMessageRole,
  chatConversations,
  chatMessages,
} from "@/db/schema";

/**
 * The person's conversation `id` on the project, made (titled) when it does not exist yet;
 * undefined when that id is someone else's or another project's.
 */
export async function ensureChatConversation({
  db,
  id,
  projectId,
  userId,
  title,
}: {
  db: Database;
  id: string;
  projectId: string;
  userId: string;
  title: string;
}): Promise<ChatConversation | undefined> {
  await db.insert(chatConversations).values({ id, projectId, userId, title }).onConflictDoNothing();
  return getChatConversation({ db, id, projectId, userId });
}

/** A person's conversation on a project; undefined for anyone else's. */
export async function getChatConversation({
  db,
  id,
  projectId,
  userId,
}: {
  db: Database;
  id: string;
  projectId: string;
  userId: string;
}): Promise<ChatConversation | undefined> {
  const [row] = await db
    .select()
    .from(chatConversations)
    .where(
      and(
        eq(chatConversations.id, id),
        eq(chatConversations.projectId, projectId),
        eq(chatConversations.userId, userId),
      ),
    )
    .limit(1);
  return row;
}

/** A person's conversations on a project, most recent first. */
export async function listChatConversations({
  db,
  projectId,
  userId,
  limit,
}: {
  db: Database;
  projectId: string;
  userId: string;
  limit: number;
}): Promise<ChatConversation[]> {
  return db
    .select()
    .from(chatConversations)
    .where(and(eq(chatConversations.projectId, projectId), eq(chatConversations.userId, userId)))
    .orderBy(desc(chatConversations.updatedAt))
    .limit(limit);
}

export async function getChatMessages({
  db,
  conversationId,
}: {
  db: Database;
  conversationId: string;
}): Promise<ChatMessage[]> {
  return db
    .select()
    .from(chatMessages)
    .where(eq(chatMessages.conversationId, conversationId))
    .orderBy(asc(chatMessages.createdAt), asc(chatMessages.id));
}

/** Appends a message and marks the conversation as just used. */
export async function appendChatMessage({
  db,
  conversationId,
  id,
  role,
  parts,
}: {
  db: Database;
  conversationId: string;
  id?: string;
  role: ChatMessageRole;
  parts: ChatMessagePart[];
}): Promise<ChatMessage> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(chatMessages).values({ id, conversationId, role, parts }).returning();
    await tx.update(chatConversations).set({ updatedAt: new Date() }).where(eq(chatConversations.id, conversationId));
    return row!;
  });
}

export async function setChatConversationRun({ db, id, runId }: { db: Database; id: string; runId: string }) {
  await db.update(chatConversations).set({ runId }).where(eq(chatConversations.id, id));
}
