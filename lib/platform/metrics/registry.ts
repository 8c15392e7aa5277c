import { collectDefaultMetrics, Histogram, Registry } from "prom-client";

type Metrics = { registry: Registry; httpRequestDuration: Histogram<"method" | "route" | "status"> };

// Shared through globalThis so the custom server that observes requests and the
// bundled /api/metrics route read and write the same registry.
const key = Symbol.for("mergeline.metrics");
const holder = globalThis as typeof globalThis & { [key]?: Metrics };

function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "mergeline_" });
  const httpRequestDuration = new Histogram({
    name: "mergeline_http_request_duration_seconds",
    help: "Duration of HTTP requests served by the app",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return { registry, httpRequestDuration };
}

export const metrics: Metrics = (holder[key] ??= createMetrics());
