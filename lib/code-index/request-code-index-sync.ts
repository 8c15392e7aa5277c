import { inngest } from "@/lib/inngest/client";
import { codeIndexSyncRequested } from "@/lib/inngest/events";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";

/**
 * Asks the sync-code-index function to bring a project's index of `ref` (default: its
 * default branch) up to date. An engine that cannot be reached is a 503 the caller may retry.
 */
export async function requestCodeIndexSync(data: {
  projectId: string;
  ref?: string;
  full?: boolean;
  reason: string;
}): Promise<void> {
  try {
    await inngest.send(codeIndexSyncRequested.create(data));
  } catch (error) {
    logger.error({ err: error, projectId: data.projectId }, "could not request a code index sync");
    throw new AppError("unavailable:pipeline", "The pipeline engine is not reachable; try again in a moment");
  }
}
