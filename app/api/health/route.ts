import { getDb } from "@/db";
import { env } from "@/lib/platform/env";
import { checkHealth, databaseProbe, httpProbe, realtimeProbe } from "@/lib/health/check-health";
import { realtimeInternalUrl } from "@/lib/platform/realtime";

export const dynamic = "force-dynamic";

// GET /api/health: status of the database, the realtime sidecar and (when it runs) the
// embedded Inngest engine; 200 when all are up, 503 with `down` naming each one that is not.
export async function GET() {
  const health = await checkHealth({
    database: databaseProbe(getDb()),
    realtime: realtimeProbe(realtimeInternalUrl()),
    ...(env.MERGELINE_EMBEDDED_INNGEST === "1"
      ? { inngest: httpProbe(`http://127.0.0.1:${env.INNGEST_PORT}/health`) }
      : {}),
  });
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
