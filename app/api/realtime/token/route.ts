import { z } from "zod";
import { getDb } from "@/db";
import { getProjectById } from "@/db/queries/projects";
import { clientIp } from "@/lib/api/client-ip";
import { can } from "@/lib/auth/actor";
import { getSessionActor } from "@/lib/auth/get-session-actor";
import { AppError, errorResponse } from "@/lib/errors";
import { createRealtimeToken, REALTIME_TOKEN_TTL_SECONDS } from "@/lib/realtime-token";

export const dynamic = "force-dynamic";

const query = z.array(z.uuid()).min(1).max(500);

// GET /api/realtime/token?projectId=...&projectId=...: a short-lived token admitting the
// signed-in person's browser to those projects' rooms on the realtime sidecar; 401
// without a session, 404 for a project they may not read (its existence is not revealed).
export async function GET(request: Request) {
  try {
    const actor = await getSessionActor(clientIp(request));
    if (!actor) throw new AppError("unauthorized:session", "Sign in to receive live updates");
    const parsed = query.safeParse(new URL(request.url).searchParams.getAll("projectId"));
    if (!parsed.success) throw new AppError("bad_request:projectId", "projectId must be one or more project ids (uuid)");
    const db = getDb();
    for (const id of parsed.data) {
      const project = await getProjectById({ db, id });
      if (!project || !can(actor, project.teamId, "read")) throw new AppError("not_found:project", `Project ${id} not found`);
    }
    const token = await createRealtimeToken({ userId: actor.userId, projectIds: parsed.data });
    return Response.json({ token, expiresIn: REALTIME_TOKEN_TTL_SECONDS }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
