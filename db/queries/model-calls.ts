import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type ModelCall, modelCalls, runs } from "@/db/schema";

export type RecordModelCallInput = {
  db: Database;
  /** Null for calls outside a run (studio sessions...): recorded, summed nowhere. */
  runId: string | null;
  purpose: string;
  /** The configured id, e.g. `openai:gpt-5.1`. */
  model: string;
  attempt?: number;
  usage: { inputTokens: number; outputTokens: number };
  /** Priced by the caller (lib/ai/pricing): queries know nothing of models. */
  costUsd: number;
  durationMs: number;
};

/**
 * Records one model call and adds its tokens and cost to the run's totals in the same
 * transaction, so the run's budget never disagrees with its calls.
 */
export async function recordModelCall({
  db,
  runId,
  purpose,
  model,
  attempt = 0,
  usage,
  costUsd,
  durationMs,
}: RecordModelCallInput): Promise<ModelCall> {
  const cost = costUsd.toFixed(6);
  return db.transaction(async (tx) => {
    const [call] = await tx
      .insert(modelCalls)
      .values({
        runId,
        purpose,
        model,
        attempt,
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        costUsd: cost,
        durationMs: Math.round(durationMs),
      })
      .returning();
    if (runId) {
      await tx
        .update(runs)
        .set({
          inputTokens: sql`${runs.inputTokens} + ${usage.inputTokens}`,
          outputTokens: sql`${runs.outputTokens} + ${usage.outputTokens}`,
          costUsd: sql`${runs.costUsd} + ${cost}::numeric`,
        })
        .where(eq(runs.id, runId));
    }
    return call!;
  });
}

export type UsageTotals = { calls: number; inputTokens: number; outputTokens: number; costUsd: number };
export type RunUsage = UsageTotals & { byPurpose: Record<string, UsageTotals> };

/** A run's tokens and cost (from its totals) with a breakdown by purpose (from its calls). */
export async function getRunUsage({ db, runId }: { db: Database; runId: string }): Promise<RunUsage | undefined> {
  const [run] = await db
    .select({ inputTokens: runs.inputTokens, outputTokens: runs.outputTokens, costUsd: runs.costUsd })
    .from(runs)
    .where(eq(runs.id, runId))
    .limit(1);
  if (!run) return undefined;
  const rows = await db
    .select({
      purpose: modelCalls.purpose,
      calls: sql<number>`count(*)::int`,
      inputTokens: sql<number>`coalesce(sum(${modelCalls.inputTokens}), 0)::int`,
      outputTokens: sql<number>`coalesce(sum(${modelCalls.outputTokens}), 0)::int`,
      costUsd: sql<string>`coalesce(sum(${modelCalls.costUsd}), 0)::text`,
    })
    .from(modelCalls)
    .where(eq(modelCalls.runId, runId))
    .groupBy(modelCalls.purpose);
  const byPurpose = Object.fromEntries(
    rows.map((row) => [
      row.purpose,
      {
        calls: Number(row.calls),
        inputTokens: Number(row.inputTokens),
        outputTokens: Number(row.outputTokens),
        costUsd: Number(row.costUsd),
      },
    ]),
  );
  return {
    calls: rows.reduce((sum, row) => sum + Number(row.calls), 0),
    inputTokens: run.inputTokens,
    outputTokens: run.outputTokens,
    costUsd: Number(run.costUsd),
    byPurpose,
  };
}
