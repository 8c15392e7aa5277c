import { getDb } from "@/db";
import { checkHealth, databaseProbe, realtimeProbe } from "@/lib/health/check-health";
import { realtimeInternalUrl } from "@/lib/realtime";

export const dynamic = "force-dynamic";

// GET /api/health: status of the database and the realtime sidecar; 200 when all are up,
// 503 with `down` naming each one that is not.
export async function GET() {
  const health = await checkHealth({
    database: databaseProbe(getDb()),
    realtime: realtimeProbe(realtimeInternalUrl()),
  });
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
