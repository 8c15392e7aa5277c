// POST /api/v1/studio-sessions/{id}/messages: an instruction for the agent (one commit when it is done); write; 202
import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { loadStudioSessionFor } from "@/lib/api/load-studio-session-for";
import { idParams } from "@/lib/api/schemas/common";
import { auditStudioAction } from "@/lib/studio/audit-studio-action";
import { sendStudioMessage } from "@/lib/studio/send-studio-message";

export const POST = defineRoute({
  method: "POST",
  path: "/studio-sessions/{id}/messages",
  tag: "studio",
  summary: "Ask the agent for a change",
  description:
    "Accepted, not done: the coding agent works in the session's workspace (its steps are live on the studio page) and its change becomes one commit in the session's history.",
  permission: "write",
  status: 202,
  params: idParams,
  body: z.object({ text: z.string().trim().min(1).max(20_000) }).strict(),
  response: z.object({ messageId: z.uuid() }),
  errors: ["conflict", "unavailable"],
  handler: async ({ db, actor, ip, params, body }) => {
    const { session, project } = await loadStudioSessionFor({ db, actor, sessionId: params.id, permission: "write" });
    const sent = await sendStudioMessage({ db, sessionId: session.id, text: body.text });
    await auditStudioAction({ db, actor, ip, project, session, action: "studio_session.message_sent" });
    return sent;
  },
});
