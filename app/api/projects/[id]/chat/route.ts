// POST /api/projects/{id}/chat: "chat with a project" — the answer to a person's message, streamed (AI SDK UI message stream)
import { z } from "zod";
import { getDb } from "@/db";
import { getProjectById } from "@/db/queries/projects";
import { applyWriteRateLimit } from "@/lib/api/apply-write-rate-limit";
import { parseInput } from "@/lib/api/parse-input";
import { readJsonBody } from "@/lib/api/read-json-body";
import { can } from "@/lib/auth/actor";
import { getSessionActor } from "@/lib/auth/get-session-actor";
import { streamProjectChat } from "@/lib/chat/stream-project-chat";
import { AppError, errorResponse } from "@/lib/platform/errors";
import { clientIp } from "@/lib/platform/http/client-ip";
import { logger } from "@/lib/platform/logger";
import { isUuid } from "@/lib/platform/uuid";

// What useChat sends (see components/chat/chat-panel.tsx): the conversation's id (made by
// the browser for a new one) and only the new message; the history is the database's.
const bodySchema = z.object({
  conversationId: z.uuid(),
  message: z.object({
    role: z.literal("user"),
    parts: z
      .array(z.looseObject({ type: z.string() }))
      .min(1)
      .max(20),
  }),
});

const MAX_MESSAGE_CHARS = 8000;

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    const ip = clientIp(request);
    const actor = await getSessionActor(ip);
    if (!actor) throw new AppError("unauthorized:session", "Sign in to chat");
    const db = getDb();
    const project = isUuid(id) ? await getProjectById({ db, id }) : undefined;
    // Chat reads the code and the runs: anyone who may see the project may ask.
    if (!project || !can(actor, project, "read")) throw new AppError("not_found:project", "Project not found");
    const body = parseInput(bodySchema, await readJsonBody(request), "body");
    const text = body.message.parts
      .flatMap((part) => (part.type === "text" && typeof part.text === "string" ? [part.text] : []))
      .join("\n")
      .trim();
    if (!text) throw new AppError("bad_request:message", "Write a question first");
    if (text.length > MAX_MESSAGE_CHARS)
      throw new AppError("bad_request:message", `A message holds at most ${MAX_MESSAGE_CHARS} characters`);
    // Every answer costs model tokens: counted like a write.
    const limit = await applyWriteRateLimit({ db, actor, ip });
    if (!limit.allowed)
      throw new AppError("rate_limited:write", `Too many messages; try again in ${limit.resetSeconds} seconds`);
    return await streamProjectChat({
      db,
      actor,
      project,
      conversationId: body.conversationId,
      text,
      signal: request.signal,
    });
  } catch (error) {
    if (!(error instanceof AppError)) logger.error({ err: error }, "chat request failed");
    return errorResponse(error);
  }
}
