import { inngest } from "@/lib/inngest/client";
import { validationCompleted } from "@/lib/inngest/events";
import { logger } from "@/lib/platform/logger";

type Completed = {
  runId: string;
  projectId: string;
  attempt: number;
  status: "passed" | "failed" | "cancelled";
  seq: number;
};

// Recorded already: its announcement may not hold the validation step up for long.
const ANNOUNCE_WAIT_MS = 3000;

/**
 * Tells Inngest a validation attempt ended (`run/validation.completed`; the event id makes a
 * repeat a no-op), for notifications and insights. Never throws: a lost announcement loses
 * a notification, not the run.
 */
export async function announceValidationCompleted(completed: Completed): Promise<void> {
  const sent = inngest
    .send(validationCompleted.create(completed, { id: `run-validation-${completed.runId}-${completed.attempt}` }))
    .catch((error: unknown) =>
      logger.warn({ err: error, runId: completed.runId }, "could not announce a completed validation"),
    );
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ANNOUNCE_WAIT_MS);
    timer.unref();
  });
  await Promise.race([sent, waited]);
  clearTimeout(timer);
}
