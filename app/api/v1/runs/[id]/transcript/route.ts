// GET /api/v1/runs/{id}/transcript: what the planner and the coding agent said and did, in order
import { z } from "zod";
import { getAgentMessagesByRunId } from "@/db/queries/transcripts";
import { agentMessagePurpose, agentMessageRole } from "@/db/schema";
import { defineRoute } from "@/lib/api/define-route";
import { loadRunFor } from "@/lib/api/load-run-for";
import { idParams, iso, isoDate } from "@/lib/api/schemas/common";

export const GET = defineRoute({
  method: "GET",
  path: "/runs/{id}/transcript",
  tag: "runs",
  summary: "Get a run's agent transcript",
  description: "Prompts, answers and tool calls with their results, per attempt; project secrets are redacted.",
  permission: "read",
  params: idParams,
  response: z.object({
    data: z.array(
      z.object({
        attempt: z.number().int(),
        purpose: z.enum(agentMessagePurpose.enumValues),
        step: z.number().int(),
        role: z.enum(agentMessageRole.enumValues),
        content: z.string(),
        toolName: z.string().nullable(),
        toolInput: z.unknown(),
        toolOutput: z.string().nullable(),
        toolError: z.string().nullable(),
        createdAt: isoDate,
      }),
    ),
  }),
  handler: async ({ db, actor, params }) => {
    const { run } = await loadRunFor({ db, actor, runId: params.id, permission: "read" });
    const messages = await getAgentMessagesByRunId({ db, runId: run.id });
    return {
      data: messages.map((message) => ({
        attempt: message.attempt,
        purpose: message.purpose,
        step: message.step,
        role: message.role,
        content: message.content,
        toolName: message.toolName,
        toolInput: message.toolInput ?? null,
        toolOutput: message.toolOutput,
        toolError: message.toolError,
        createdAt: iso(message.createdAt),
      })),
    };
  },
});
