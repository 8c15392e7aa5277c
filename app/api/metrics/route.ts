import { metrics } from "@/lib/metrics/registry";

export const dynamic = "force-dynamic";

// GET /api/metrics: Prometheus text exposition of the app's metrics.
export async function GET() {
  const body = await metrics.registry.metrics();
  return new Response(body, { headers: { "content-type": metrics.registry.contentType, "cache-control": "no-store" } });
}
