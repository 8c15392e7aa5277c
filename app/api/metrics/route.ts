import { metrics } from "@/lib/platform/metrics/registry";
// Registers the pipeline's metrics (runs by state, stage durations, model tokens and cost).
import "@/lib/runs/run-metrics";

export const dynamic = "force-dynamic";

// GET /api/metrics: Prometheus text exposition of the app's metrics: HTTP requests, process,
// runs by state, stage durations, model tokens and cost.
export async function GET() {
  const body = await metrics.registry.metrics();
  return new Response(body, { headers: { "content-type": metrics.registry.contentType, "cache-control": "no-store" } });
}
