import { getAppHealth } from "@/lib/health/app-health";

export const dynamic = "force-dynamic";

// GET /api/health: status of the database, the realtime sidecar and (when it runs) the
// embedded Inngest engine; 200 when all are up or only the engine is not ("degraded"), 503
// with `down` naming each component the product cannot work without. The app server
// (scripts/serve-app.ts) answers it itself, ahead of Next.js; this route serves `next dev`.
export async function GET() {
  const health = await getAppHealth();
  return Response.json(health, {
    status: health.status === "down" ? 503 : 200,
    headers: { "cache-control": "no-store" },
  });
}
