import { z } from "zod";
import { getDb } from "@/db";
import { getProjectById } from "@/db/queries/projects";
import { AppError, errorResponse } from "@/lib/errors";
import { createRealtimeToken, REALTIME_TOKEN_TTL_SECONDS } from "@/lib/realtime-token";

export const dynamic = "force-dynamic";

const query = z.array(z.uuid()).min(1).max(500);

// GET /api/realtime/token?projectId=...&projectId=...: a short-lived token admitting the
// browser to those projects' rooms on the realtime sidecar.
// TODO(issue 7): scope to the signed-in user's projects once accounts exist.
export async function GET(request: Request) {
  try {
    const parsed = query.safeParse(new URL(request.url).searchParams.getAll("projectId"));
    if (!parsed.success) throw new AppError("bad_request:projectId", "projectId must be one or more project ids (uuid)");
    const db = getDb();
    for (const id of parsed.data) {
      if (!(await getProjectById({ db, id }))) throw new AppError("not_found:project", `Project ${id} not found`);
    }
    const token = await createRealtimeToken({ userId: "local", projectIds: parsed.data });
    return Response.json({ token, expiresIn: REALTIME_TOKEN_TTL_SECONDS }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
