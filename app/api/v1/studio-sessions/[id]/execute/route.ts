// POST /api/v1/studio-sessions/{id}/execute: write a file of the session's repository, committed like an edit; write
import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { loadStudioSessionFor } from "@/lib/api/load-studio-session-for";
import { idParams } from "@/lib/api/schemas/common";
import { auditStudioAction } from "@/lib/studio/audit-studio-action";
import { executeStudioCommand, MAX_WRITE_BYTES } from "@/lib/studio/execute-studio-command";

export const POST = defineRoute({
  method: "POST",
  path: "/studio-sessions/{id}/execute",
  tag: "studio",
  summary: "Write a file in a studio session",
  description:
    "`write_file` replaces (or creates) one file of the repository and commits it; the app updates through hot reload. Paths stay inside the repository: `..`, `.git` and symlinks out are refused with 400, changing nothing. `commitHash` is null when the file already had that content.",
  permission: "write",
  params: idParams,
  body: z
    .object({
      command: z.literal("write_file"),
      filePath: z.string().min(1).max(1000).describe("Relative to the repository root"),
      content: z.string().max(MAX_WRITE_BYTES),
      description: z.string().trim().min(1).max(500).describe("Goes into the commit message"),
    })
    .strict(),
  response: z.object({ output: z.string(), commitHash: z.string().nullable() }),
  errors: ["conflict"],
  handler: async ({ db, actor, ip, params, body }) => {
    const { session, project } = await loadStudioSessionFor({ db, actor, sessionId: params.id, permission: "write" });
    const result = await executeStudioCommand({
      db,
      sessionId: session.id,
      input: body,
      userId: actor.kind === "user" ? actor.userId : null,
    });
    await auditStudioAction({
      db,
      actor,
      ip,
      project,
      session,
      action: "studio_session.file_written",
      data: { filePath: body.filePath, commitHash: result.commitHash },
    });
    return result;
  },
});
