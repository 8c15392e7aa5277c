import type { Database } from "@/db/client";
import { getRunEventsOfTypes } from "@/db/queries/run-events";
import type { ProjectSettings, RetryStrategy } from "@/db/schema";
import { retryStrategyNames } from "@/lib/projects/settings";

const defaultRetryStrategies: RetryStrategy[] = [...retryStrategyNames];

/** The strategy an ended run was retried with (POST /runs/{id}/retry { strategy }), and that run. */
export async function retryOrigin(
  db: Database,
  runId: string,
): Promise<{ runId: string; strategy: RetryStrategy | null } | null> {
  const [event] = await getRunEventsOfTypes({ db, runId, types: ["run.retry_of"] });
  if (!event) return null;
  const strategy = event.data.strategy as string | undefined;
  return {
    runId: String(event.data.runId),
    strategy: retryStrategyNames.find((name) => name === strategy) ?? null,
  };
}

/**
 * How attempt `attempt` goes about it: fix attempt N (N >= 2) takes the project's escalation
 * order's entry N - 2, the last repeating; the first attempt of a run retried with a chosen
 * strategy takes that one (with the ended run's evidence); any other first attempt has none.
 */
export function strategyForAttempt({
  attempt,
  settings,
  chosen,
}: {
  attempt: number;
  settings: Pick<ProjectSettings, "retryStrategies">;
  chosen: RetryStrategy | null;
}): RetryStrategy | null {
  if (attempt <= 1) return chosen;
  const order = settings.retryStrategies?.length ? settings.retryStrategies : defaultRetryStrategies;
  return order[Math.min(attempt - 2, order.length - 1)]!;
}
