// GET /api/v1/studio-sessions/{id}: a session's status, history of commits and last activity; read
// DELETE /api/v1/studio-sessions/{id}: stop a session (processes, port, workspace; the branch stays); write
import { getStudioCommits } from "@/db/queries/studio";
import { defineRoute } from "@/lib/api/define-route";
import { loadStudioSessionFor } from "@/lib/api/load-studio-session-for";
import { idParams } from "@/lib/api/schemas/common";
import {
  apiStudioSessionDetailsSchema,
  apiStudioSessionSchema,
  toApiStudioCommit,
  toApiStudioSession,
} from "@/lib/api/schemas/studio-session";
import { auditStudioAction } from "@/lib/studio/audit-studio-action";
import { stopStudioSession } from "@/lib/studio/stop-studio-session";

export const GET = defineRoute({
  method: "GET",
  path: "/studio-sessions/{id}",
  tag: "studio",
  summary: "Get a studio session",
  permission: "read",
  params: idParams,
  response: apiStudioSessionDetailsSchema,
  handler: async ({ db, actor, params }) => {
    const { session } = await loadStudioSessionFor({ db, actor, sessionId: params.id, permission: "read" });
    const commits = await getStudioCommits({ db, sessionId: session.id });
    return { ...toApiStudioSession(session), commits: commits.map(toApiStudioCommit) };
  },
});

export const DELETE = defineRoute({
  method: "DELETE",
  path: "/studio-sessions/{id}",
  tag: "studio",
  summary: "Stop a studio session",
  description:
    "Its dev server, port, proxy route and workspace go; its branch and commits stay. An ended session is left as it is.",
  permission: "write",
  params: idParams,
  response: apiStudioSessionSchema,
  handler: async ({ db, actor, ip, params }) => {
    const { session, project } = await loadStudioSessionFor({ db, actor, sessionId: params.id, permission: "write" });
    const stopped = (await stopStudioSession({ db, sessionId: session.id })) ?? session;
    await auditStudioAction({ db, actor, ip, project, session, action: "studio_session.deleted" });
    return toApiStudioSession(stopped);
  },
});
