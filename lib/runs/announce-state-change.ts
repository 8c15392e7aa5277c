import { inngest } from "@/lib/inngest/client";
import { runStateChanged } from "@/lib/inngest/events";
import { logger } from "@/lib/platform/logger";
import type { RunState } from "@/db/schema";

type StateChange = { runId: string; projectId: string; seq: number; from: RunState; to: RunState };

// The transition has committed; its announcement may not hold the caller up for long.
const ANNOUNCE_WAIT_MS = 3000;

/**
 * Tells Inngest that a run changed state (`run/state.changed`; the event id makes a repeat a
 * no-op). A few milliseconds when the engine is up; when it is not, the caller goes on after
 * at most ANNOUNCE_WAIT_MS and the change is reported later: report-unreported-runs finds
 * runs whose reported_seq lags behind. Never throws.
 */
export async function announceStateChange(change: StateChange): Promise<void> {
  const sent = inngest
    .send(runStateChanged.create(change, { id: `run-state-${change.runId}-${change.seq}` }))
    .then(() => true)
    .catch((error: unknown) => {
      logger.warn({ err: error, runId: change.runId, to: change.to }, "could not announce a run's state change");
      return false;
    });
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ANNOUNCE_WAIT_MS);
    timer.unref();
  });
  await Promise.race([sent, waited]);
  clearTimeout(timer);
}
