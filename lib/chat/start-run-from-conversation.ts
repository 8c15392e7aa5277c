import type { Database } from "@/db/client";
import { getChatConversation, getChatMessages, setChatConversationRun } from "@/db/queries/chat";
import type { Project, Run } from "@/db/schema";
import type { UserActor } from "@/lib/auth/get-session-actor";
import { AppError } from "@/lib/platform/errors";
import { createRun } from "@/lib/runs/create-run";
import { conversationTranscript } from "./conversation-transcript";

/**
 * "Do it": a run whose goal the person wrote (prefilled from the conversation) and whose
 * requirements carry the conversation, so the planner and the coding agent start from what
 * was found and agreed. The caller checks the person may start runs on the project.
 */
export async function startRunFromConversation({
  db,
  actor,
  project,
  conversationId,
  goal,
}: {
  db: Database;
  actor: UserActor;
  project: Project;
  conversationId: string;
  goal: string;
}): Promise<Run> {
  const conversation = await getChatConversation({
    db,
    id: conversationId,
    projectId: project.id,
    userId: actor.userId,
  });
  if (!conversation) throw new AppError("not_found:conversation", "Conversation not found");
  const transcript = conversationTranscript(await getChatMessages({ db, conversationId }));
  if (!transcript) throw new AppError("bad_request:conversation", "The conversation is empty: ask something first");
  const run = await createRun({
    db,
    input: {
      project,
      goal,
      requirements: `From a conversation about the project in Mergeline's chat:\n\n${transcript}`,
      source: "dashboard",
      createdBy: actor.userId,
    },
  });
  await setChatConversationRun({ db, id: conversationId, runId: run.id });
  return run;
}
