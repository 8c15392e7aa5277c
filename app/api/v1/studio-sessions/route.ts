// POST /api/v1/studio-sessions: open a studio session on a project (its app through the preview proxy); write; 201
import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { loadProjectFor } from "@/lib/api/load-project-for";
import { apiStudioSessionSchema, toApiStudioSession } from "@/lib/api/schemas/studio-session";
import { auditStudioAction } from "@/lib/studio/audit-studio-action";
import { createStudioSession } from "@/lib/studio/create-studio-session";

export const POST = defineRoute({
  method: "POST",
  path: "/studio-sessions",
  tag: "studio",
  summary: "Start a studio session",
  description:
    "A workspace on branch `studio/<id>` from the base branch, the project's setup, and its dev command (`devCommand`, else the preview command; with `useRepositoryConfig`, setup and `dev` from the base branch's `.mergeline.yml` win, and a malformed file fails the session with its error) in the sandbox. The session starts `starting` and becomes `running` when the app answers at `appUrl` (watch `GET /studio-sessions/{id}`). 429 past MERGELINE_STUDIO_MAX_SESSIONS live sessions.",
  permission: "write",
  status: 201,
  body: z
    .object({
      projectId: z.uuid(),
      baseBranch: z.string().trim().min(1).max(200).optional().describe("Default: the project's default branch"),
    })
    .strict(),
  response: apiStudioSessionSchema,
  errors: ["unavailable", "conflict"],
  handler: async ({ db, actor, ip, body }) => {
    const project = await loadProjectFor({ db, actor, projectId: body.projectId, permission: "write" });
    const session = await createStudioSession({
      db,
      project,
      baseBranch: body.baseBranch,
      userId: actor.kind === "user" ? actor.userId : null,
    });
    await auditStudioAction({ db, actor, ip, project, session, action: "studio_session.created" });
    return toApiStudioSession(session);
  },
});
