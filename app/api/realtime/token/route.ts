import { z } from "zod";
import { getDb } from "@/db";
import { clientIp } from "@/lib/platform/http/client-ip";
import { getSessionActor } from "@/lib/auth/get-session-actor";
import { env } from "@/lib/platform/env";
import { AppError, errorResponse } from "@/lib/platform/errors";
import { readableProjectIds } from "@/lib/projects/readable-project-ids";
import { createRealtimeToken, REALTIME_TOKEN_TTL_SECONDS } from "@/lib/platform/realtime-token";

export const dynamic = "force-dynamic";

const projectIdsSchema = z.array(z.uuid()).min(1).max(10_000);
const bodySchema = z.object({ projectIds: projectIdsSchema }).strict();

async function issue(request: Request, ids: unknown): Promise<Response> {
  const actor = await getSessionActor(clientIp(request));
  if (!actor) throw new AppError("unauthorized:session", "Sign in to receive live updates");
  const parsed = projectIdsSchema.safeParse(ids);
  if (!parsed.success) throw new AppError("bad_request:projectId", "projectId must be one or more project ids (uuid)");
  const wanted = [...new Set(parsed.data)];
  const readable = await readableProjectIds({ db: getDb(), actor, ids: wanted });
  const hidden = wanted.find((id) => !readable.has(id));
  if (hidden) throw new AppError("not_found:project", `Project ${hidden} not found`);
  const token = await createRealtimeToken({ userId: actor.userId, projectIds: wanted });
  // Where the browser finds the sidecar: its public URL, else this page's host on REALTIME_PORT.
  const where = { url: env.REALTIME_PUBLIC_URL ?? null, port: env.REALTIME_PORT };
  return Response.json(
    { token, expiresIn: REALTIME_TOKEN_TTL_SECONDS, ...where },
    { headers: { "cache-control": "no-store" } },
  );
}

// GET /api/realtime/token?projectId=...&projectId=...: a short-lived token admitting the
// signed-in person's browser to those projects' rooms on the realtime sidecar; 401
// without a session, 404 for a project they may not read (its existence is not revealed).
export async function GET(request: Request) {
  try {
    return await issue(request, new URL(request.url).searchParams.getAll("projectId"));
  } catch (error) {
    return errorResponse(error);
  }
}

// POST /api/realtime/token {"projectIds": [...]}: the same, for more projects than fit in a URL.
export async function POST(request: Request) {
  try {
    const body = bodySchema.safeParse(await request.json().catch(() => null));
    if (!body.success) throw new AppError("bad_request:projectId", 'Send {"projectIds": [uuid, ...]}');
    return await issue(request, body.data.projectIds);
  } catch (error) {
    return errorResponse(error);
  }
}
