import { inngest } from "@/lib/inngest/client";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";

/**
 * Sends an event to the pipeline; an engine that cannot be reached is a 503 the caller
 * can retry (`unavailable:pipeline`), not an unexplained 500. Deciding a plan, merging
 * and cancelling are safe to repeat, so "try again" is the whole remedy.
 */
export async function sendPipelineEvent(event: Parameters<typeof inngest.send>[0]): Promise<void> {
  try {
    await inngest.send(event);
  } catch (error) {
    logger.error({ err: error }, "could not send an event to the pipeline");
    throw new AppError("unavailable:pipeline", "The pipeline engine is not reachable; try again in a moment");
  }
}
