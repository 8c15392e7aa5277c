import { Counter, Gauge, Histogram, type Metric } from "prom-client";
import { metrics } from "@/lib/platform/metrics/registry";

// Metrics live in the process-wide registry; a module loaded twice (custom server and
// bundled routes) must find the existing metric instead of registering a duplicate.
function getOrCreate<T extends Metric>(name: string, create: () => T): T {
  return (metrics.registry.getSingleMetric(name) as T | undefined) ?? create();
}

export const counter = <L extends string>(config: { name: string; help: string; labelNames: readonly L[] }) =>
  getOrCreate(config.name, () => new Counter<L>({ ...config, registers: [metrics.registry] }));

export const histogram = <L extends string>(config: {
  name: string;
  help: string;
  labelNames: readonly L[];
  buckets: number[];
}) => getOrCreate(config.name, () => new Histogram<L>({ ...config, registers: [metrics.registry] }));

export const gauge = <L extends string>(config: {
  name: string;
  help: string;
  labelNames: readonly L[];
  collect?: (this: Gauge<L>) => Promise<void> | void;
}) => getOrCreate(config.name, () => new Gauge<L>({ ...config, registers: [metrics.registry] }));
