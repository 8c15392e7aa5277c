// POST /api/v1/studio-sessions/{id}/rollback: the files as at one of the session's commits, as a new commit; write
import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { loadStudioSessionFor } from "@/lib/api/load-studio-session-for";
import { idParams } from "@/lib/api/schemas/common";
import { auditStudioAction } from "@/lib/studio/audit-studio-action";
import { rollbackStudioSession } from "@/lib/studio/rollback-studio-session";

export const POST = defineRoute({
  method: "POST",
  path: "/studio-sessions/{id}/rollback",
  tag: "studio",
  summary: "Roll a studio session back to a commit",
  description:
    "Nothing is lost: the rollback is a new entry of the history (which can itself be rolled back). A commit that is not the session's is a 400.",
  permission: "write",
  params: idParams,
  body: z.object({ commitHash: z.string().regex(/^[0-9a-f]{7,64}$/i, "a commit hash (hex)") }).strict(),
  response: z.object({ currentHash: z.string() }),
  errors: ["conflict"],
  handler: async ({ db, actor, ip, params, body }) => {
    const { session, project } = await loadStudioSessionFor({ db, actor, sessionId: params.id, permission: "write" });
    const result = await rollbackStudioSession({
      db,
      sessionId: session.id,
      commitHash: body.commitHash,
      userId: actor.kind === "user" ? actor.userId : null,
    });
    await auditStudioAction({
      db,
      actor,
      ip,
      project,
      session,
      action: "studio_session.rolled_back",
      data: { to: body.commitHash, currentHash: result.currentHash },
    });
    return { currentHash: result.currentHash };
  },
});
