import { getDb } from "@/db";
import { clientIp } from "@/lib/platform/http/client-ip";
import { readRunArtifact } from "@/lib/validation/artifacts/read-run-artifact";
import { getSessionActor } from "@/lib/auth/get-session-actor";
import { AppError, errorResponse } from "@/lib/platform/errors";

export const dynamic = "force-dynamic";

// GET /api/runs/:id/artifacts/:attempt/:name: a screenshot or log of a run's validation
// attempt, for a signed-in person who can see the run's project; 401 without a session,
// 404 for anything they may not see or that does not exist.
export async function GET(
  request: Request,
  { params }: { params: Promise<{ id: string; attempt: string; name: string }> },
) {
  try {
    const actor = await getSessionActor(clientIp(request));
    if (!actor) throw new AppError("unauthorized:session", "Sign in to see run artifacts");
    const { id, attempt, name } = await params;
    const artifact = await readRunArtifact({ db: getDb(), actor, runId: id, attempt, name });
    return new Response(new Uint8Array(artifact.body), {
      headers: {
        "content-type": artifact.contentType,
        "content-length": String(artifact.body.length),
        "content-disposition": `inline; filename="${artifact.name}"`,
        "cache-control": "private, max-age=300",
        "x-content-type-options": "nosniff",
        // A log is shown as text and can run nothing, whatever it contains.
        "content-security-policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
