import type { Database } from "@/db/client";
import { recordModelCall } from "@/db/queries/model-calls";
import type { ResolvedModel } from "@/lib/ai/models";
import { costUsd } from "@/lib/ai/pricing";
import type { ModelUsage } from "@/lib/ai/usage";
import { runMetrics } from "@/lib/runs/run-metrics";

/** Records a model call on the run (tokens, cost) and in the metrics. */
export async function recordUsage({
  db,
  runId,
  purpose,
  model,
  attempt = 0,
  usage,
  durationMs,
  reportedCostUsd,
}: {
  db: Database;
  runId: string;
  purpose: "plan" | "code" | "judge" | "review";
  model: Pick<ResolvedModel, "id" | "price">;
  attempt?: number;
  usage: ModelUsage;
  durationMs: number;
  /** What the agent said it cost (a CLI agent reporting its own spend); priced by tokens otherwise. */
  reportedCostUsd?: number | null;
}): Promise<void> {
  const cost = reportedCostUsd ?? costUsd(usage, model.price);
  await recordModelCall({ db, runId, purpose, model: model.id, attempt, usage, costUsd: cost, durationMs });
  runMetrics.observeModelCall(model.id, { ...usage, costUsd: cost });
}
