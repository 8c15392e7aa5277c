import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import {
  REALTIME_PUBLISH_PATH,
  type RealtimeEvent,
  type RealtimeEventInput,
  realtimeEventSchema,
} from "@/realtime/contract";

export const realtimeInternalUrl = () => `http://127.0.0.1:${env.REALTIME_PORT}`;

/**
 * Publishes an event to the sidecar. Best effort by design: the state is already
 * committed, and clients refetch on reconnect and on a seq gap, so a lost publish
 * delays a screen update but loses nothing.
 */
export async function publish(input: RealtimeEventInput): Promise<boolean> {
  const event: RealtimeEvent = realtimeEventSchema.parse(input);
  if (!env.REALTIME_SECRET) {
    logger.warn({ type: event.type }, "REALTIME_SECRET is not set: realtime event not published");
    return false;
  }
  try {
    const response = await fetch(`${realtimeInternalUrl()}${REALTIME_PUBLISH_PATH}`, {
      method: "POST",
      headers: { authorization: `Bearer ${env.REALTIME_SECRET}`, "content-type": "application/json" },
      body: JSON.stringify(event),
      signal: AbortSignal.timeout(2000),
    });
    if (!response.ok) throw new Error(`sidecar answered ${response.status}`);
    return true;
  } catch (error) {
    logger.warn({ err: error, type: event.type, runId: event.runId }, "realtime publish failed");
    return false;
  }
}
