import { collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { dataDirUsage } from "@/lib/platform/metrics/data-dir-usage";

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
  // Disk bounds (README, "Validation"): what workspaces, preview copies, mirrors, the setup
  // cache and artifacts take, and what is left, measured on scrape (cached, see data-dir-usage.ts).
  new Gauge({
    name: "mergeline_disk_usage_bytes",
    help: "Bytes on disk under MERGELINE_DATA_DIR, by area",
    labelNames: ["area"] as const,
    registers: [registry],
    async collect() {
      const usage = await dataDirUsage();
      for (const [area, bytes] of Object.entries(usage.bytes)) this.set({ area }, bytes);
    },
  });
  new Gauge({
    name: "mergeline_disk_free_bytes",
    help: "Bytes free for Mergeline on the filesystem of MERGELINE_DATA_DIR",
    registers: [registry],
    async collect() {
      this.set((await dataDirUsage()).freeBytes);
    },
  });
  return { registry, httpRequestDuration };
}

export const metrics: Metrics = (holder[key] ??= createMetrics());
