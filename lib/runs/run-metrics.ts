import { count } from "drizzle-orm";
import { getDb } from "@/db";
import { type Run, runs, runStates } from "@/db/schema";
import { logger } from "@/lib/platform/logger";
import { counter, gauge, histogram } from "@/lib/platform/metrics/get-or-create";

const stageDuration = histogram({
  name: "mergeline_run_stage_duration_seconds",
  help: "Time a run spent in a state before leaving it",
  labelNames: ["state"] as const,
  buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 24 * 3600],
});

const transitions = counter({
  name: "mergeline_run_transitions_total",
  help: "Run state changes",
  labelNames: ["to"] as const,
});

const modelTokens = counter({
  name: "mergeline_model_tokens_total",
  help: "Model tokens used",
  labelNames: ["model", "kind"] as const,
});
const modelCost = counter({
  name: "mergeline_model_cost_usd_total",
  help: "Model cost in US dollars",
  labelNames: ["model"] as const,
});

gauge({
  name: "mergeline_runs",
  help: "Runs by state",
  labelNames: ["state"] as const,
  async collect() {
    try {
      const rows = await getDb().select({ state: runs.state, n: count() }).from(runs).groupBy(runs.state);
      for (const state of runStates) this.set({ state }, rows.find((row) => row.state === state)?.n ?? 0);
    } catch (error) {
      logger.warn({ err: error }, "could not count runs for metrics");
    }
  },
});

export const runMetrics = {
  /** `from` is the run as it was before the change; its updatedAt is when it entered that state or last changed. */
  observeTransition(from: Run, to: Run) {
    transitions.inc({ to: to.state });
    if (from.stateChangedAt)
      stageDuration.observe({ state: from.state }, (Date.now() - from.stateChangedAt.getTime()) / 1000);
  },
  observeModelCall(model: string, usage: { inputTokens: number; outputTokens: number; costUsd: number }) {
    modelTokens.inc({ model, kind: "input" }, usage.inputTokens);
    modelTokens.inc({ model, kind: "output" }, usage.outputTokens);
    modelCost.inc({ model }, usage.costUsd);
  },
};
