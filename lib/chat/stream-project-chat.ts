import { randomUUID } from "node:crypto";
import { convertToModelMessages, isStepCount, streamText, type UIMessage } from "ai";
import type { Database } from "@/db/client";
import { appendChatMessage, ensureChatConversation, getChatMessages } from "@/db/queries/chat";
import type { ChatMessagePart, Project } from "@/db/schema";
import { getModel } from "@/lib/ai/models";
import type { UserActor } from "@/lib/auth/get-session-actor";
import { projectCodeIndex } from "@/lib/code-index/project-code-index";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { chatInstructions } from "./chat-instructions";
import { chatTools } from "./chat-tools";

// A question may take a few rounds of tools (search, then read), never an open-ended loop.
const MAX_STEPS = 8;

/**
 * Answers a person's message about a project as a stream of UI message parts (the AI SDK's
 * protocol, read by useChat): the conversation (theirs alone, made on its first message) is
 * loaded from the database, never taken from the client; the question and the answer, tool
 * calls included, are stored as they end.
 */
export async function streamProjectChat({
  db,
  actor,
  project,
  conversationId,
  text,
  signal,
}: {
  db: Database;
  actor: UserActor;
  project: Project;
  conversationId: string;
  text: string;
  signal?: AbortSignal;
}): Promise<Response> {
  const conversation = await ensureChatConversation({
    db,
    id: conversationId,
    projectId: project.id,
    userId: actor.userId,
    title: text.replace(/\s+/g, " ").slice(0, 80),
  });
  if (!conversation) throw new AppError("not_found:conversation", "Conversation not found");
  const history: UIMessage[] = (await getChatMessages({ db, conversationId })).map((row) => ({
    id: row.id,
    role: row.role,
    parts: row.parts as UIMessage["parts"],
  }));
  const question = await appendChatMessage({ db, conversationId, role: "user", parts: [{ type: "text", text }] });
  const messages: UIMessage[] = [...history, { id: question.id, role: "user", parts: [{ type: "text", text }] }];

  const codeIndex = await projectCodeIndex({ db, project });
  const tools = chatTools({ db, project, codeIndex });
  const model = getModel("chat", project);
  const result = streamText({
    model: model.model,
    instructions: chatInstructions(project, codeIndex?.commitSha ?? null),
    messages: await convertToModelMessages(messages, { tools, ignoreIncompleteToolCalls: true }),
    tools,
    stopWhen: isStepCount(MAX_STEPS),
    abortSignal: signal,
  });
  // The answer is stored even when the person closes the page before it ends.
  void result.consumeStream();
  return result.toUIMessageStreamResponse({
    originalMessages: messages,
    generateMessageId: randomUUID,
    onEnd: async ({ responseMessage }) => {
      try {
        await appendChatMessage({
          db,
          conversationId,
          id: responseMessage.id,
          role: "assistant",
          parts: responseMessage.parts as ChatMessagePart[],
        });
      } catch (error) {
        logger.error({ err: error, conversationId }, "could not store a chat answer");
      }
    },
    onError: (error) => {
      logger.warn({ err: error, projectId: project.id }, "chat answer failed");
      return error instanceof AppError ? error.message : "The model could not answer; try again";
    },
  });
}
