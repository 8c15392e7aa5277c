"use server";
import type { UIMessage } from "ai";
import { z } from "zod";
import { getDb } from "@/db";
import { getChatConversation, getChatMessages } from "@/db/queries/chat";
import { getProjectById } from "@/db/queries/projects";
import { parseActionInput } from "@/lib/api/parse-action-input";
import { goalField } from "@/lib/api/run-inputs";
import { recordAudit } from "@/lib/audit";
import { can } from "@/lib/auth/actor";
import { startRunFromConversation } from "@/lib/chat/start-run-from-conversation";
import { requestCodeIndexSync } from "@/lib/code-index/request-code-index-sync";
import { AppError } from "@/lib/platform/errors";
import { assertProjectPinned } from "@/lib/projects/assert-project-pinned";
import { type ActionResult, attempt, authorizedProject, signedInActor } from "../action-helpers";

// The code index's and chat's actions on the project page: thin wrappers over lib, each
// checking the session and the role itself.

const projectInput = z.object({ projectId: z.uuid() });

/** "Index now" / "Re-index": a sync of the default branch, as POST /api/v1/projects/{id}/code-index does. */
export async function syncCodeIndexAction(input: z.input<typeof projectInput>): Promise<ActionResult> {
  return attempt(async () => {
    const actor = await signedInActor();
    const { projectId } = parseActionInput(projectInput, input);
    const db = getDb();
    const project = authorizedProject(actor, await getProjectById({ db, id: projectId }), "write");
    assertProjectPinned(project);
    await requestCodeIndexSync({ projectId: project.id, reason: "requested" });
    await recordAudit({
      db,
      actor,
      teamId: project.teamId,
      action: "code_index.sync_requested",
      targetType: "project",
      targetId: project.id,
      data: { ref: project.defaultBranch, full: false },
    });
    return {};
  });
}

const conversationInput = z.object({ projectId: z.uuid(), conversationId: z.uuid() });

/** A conversation of the signed-in person, to show in the chat panel. */
export async function loadConversationAction(
  input: z.input<typeof conversationInput>,
): Promise<ActionResult<{ messages: UIMessage[]; runId: string | null }>> {
  return attempt(async () => {
    const actor = await signedInActor();
    const { projectId, conversationId } = parseActionInput(conversationInput, input);
    const db = getDb();
    const project = await getProjectById({ db, id: projectId });
    if (!project || !can(actor, project, "read")) throw new AppError("not_found:project", "Project not found");
    const conversation = await getChatConversation({ db, id: conversationId, projectId, userId: actor.userId });
    if (!conversation) throw new AppError("not_found:conversation", "Conversation not found");
    const rows = await getChatMessages({ db, conversationId });
    return {
      messages: rows.map((row) => ({ id: row.id, role: row.role, parts: row.parts as UIMessage["parts"] })),
      runId: conversation.runId,
    };
  });
}

const doItInput = conversationInput.extend({ goal: goalField });

/** "Do it": the conversation becomes a run (members and admins, as for any run). */
export async function startRunFromChatAction(
  input: z.input<typeof doItInput>,
): Promise<ActionResult<{ runId: string }>> {
  return attempt(async () => {
    const actor = await signedInActor();
    const { projectId, conversationId, goal } = parseActionInput(doItInput, input);
    const db = getDb();
    const project = authorizedProject(actor, await getProjectById({ db, id: projectId }), "write");
    assertProjectPinned(project);
    const run = await startRunFromConversation({ db, actor, project, conversationId, goal });
    return { runId: run.id };
  });
}
