// POST /api/v1/studio-sessions/{id}/finalize: a pull request with every commit, validated and merged by policy; write
import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { loadStudioSessionFor } from "@/lib/api/load-studio-session-for";
import { idParams } from "@/lib/api/schemas/common";
import { auditStudioAction } from "@/lib/studio/audit-studio-action";
import { finalizeStudioSession } from "@/lib/studio/finalize-studio-session";

export const POST = defineRoute({
  method: "POST",
  path: "/studio-sessions/{id}/finalize",
  tag: "studio",
  summary: "Finalize a studio session into a pull request",
  description:
    "Opens a pull request from the session's branch (every commit kept) and starts a run attached to it at validation: the project's validation and merge policy apply as to any run. The session's processes and workspace go.",
  permission: "write",
  params: idParams,
  body: z
    .object({
      title: z.string().trim().min(1).max(200),
      description: z.string().max(20_000).default(""),
    })
    .strict(),
  response: z.object({
    pullRequestUrl: z.string().nullable().describe("null for local projects, whose PRs have no web page"),
    pullRequestNumber: z.number().int(),
    runId: z.uuid(),
  }),
  errors: ["conflict", "unavailable"],
  handler: async ({ db, actor, ip, params, body }) => {
    const { session, project } = await loadStudioSessionFor({ db, actor, sessionId: params.id, permission: "write" });
    const result = await finalizeStudioSession({
      db,
      sessionId: session.id,
      title: body.title,
      description: body.description,
      userId: actor.kind === "user" ? actor.userId : null,
    });
    await auditStudioAction({
      db,
      actor,
      ip,
      project,
      session,
      action: "studio_session.finalized",
      data: { pullRequestNumber: result.pullRequestNumber, runId: result.runId },
    });
    return result;
  },
});
