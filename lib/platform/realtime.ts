import { Emitter } from "@socket.io/postgres-emitter";
import pg from "pg";
import { env } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";
import {
  eventRooms,
  REALTIME_MESSAGE,
  REALTIME_NAMESPACE,
  REALTIME_PUBLISH_PATH,
  type RealtimeEvent,
  type RealtimeEventInput,
  realtimeEventSchema,
  SOCKET_IO_ATTACHMENTS_TABLE,
} from "@/realtime/contract";

export const realtimeInternalUrl = () =>
  (env.REALTIME_INTERNAL_URL ?? `http://127.0.0.1:${env.REALTIME_PORT}`).replace(/\/$/, "");

let emitter: Emitter | null = null;

// NOTIFY carries at most 8000 bytes; beyond that the emitter would use an attachment
// row, which @socket.io/postgres-adapter 0.5 cannot route (see below). Clients refetch
// anything they need, so a big event goes out with its data cut to the essentials.
const MAX_NOTIFY_EVENT_BYTES = 7000;

function fitForNotify(event: RealtimeEvent): RealtimeEvent {
  if (Buffer.byteLength(JSON.stringify(event)) <= MAX_NOTIFY_EVENT_BYTES) return event;
  const { event: kind, state, from, reason } = event.data;
  const kept = Object.fromEntries(
    Object.entries({ event: kind, state, from, reason }).filter(([, value]) => typeof value === "string"),
  );
  return { ...event, data: { ...kept, truncated: true } };
}

// With Postgres the sidecars share rooms through it: the app NOTIFYs once and every
// sidecar delivers, so no sidecar has to be reachable over HTTP.
function postgresEmitter(url: string): Emitter {
  if (!emitter) {
    // One connection keeps NOTIFYs in publish order, so clients see seqs in order.
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    pool.on("error", (error) => logger.warn({ err: error }, "realtime emitter pool error"));
    const queryable = {
      query: (text: string, values?: unknown[]) => {
        // postgres-emitter 0.1 leaves out the namespace that postgres-adapter 0.5 routes
        // messages by (ClusterAdapter.onMessage drops a message whose nsp differs): add it.
        if (text.includes("pg_notify") && typeof values?.[1] === "string") {
          const message = JSON.parse(values[1]) as Record<string, unknown>;
          values = [values[0], JSON.stringify({ nsp: REALTIME_NAMESPACE, ...message })];
        }
        // The emitter answers a failed query by broadcasting an "error" event, which fails
        // again while the database is away, without end: failures are logged here instead.
        return pool.query(text, values).catch((error: unknown) => {
          logger.warn({ err: error }, "realtime publish through Postgres failed");
          return { rows: [{ id: null }] };
        });
      },
    };
    emitter = new Emitter(queryable, REALTIME_NAMESPACE, { tableName: SOCKET_IO_ATTACHMENTS_TABLE });
  }
  return emitter;
}

async function publishOverHttp(event: RealtimeEvent, secret: string): Promise<void> {
  const response = await fetch(`${realtimeInternalUrl()}${REALTIME_PUBLISH_PATH}`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify(event),
    signal: AbortSignal.timeout(2000),
  });
  if (!response.ok) throw new Error(`sidecar answered ${response.status}`);
}

// Without a sidecar secret nothing can be published: said once, not at every event.
let toldNoSecret = false;

/**
 * Publishes an event to the sidecars: through Postgres (@socket.io/postgres-emitter)
 * when DATABASE_URL is set, else with an HTTP POST to the local sidecar. Best effort by
 * design (through Postgres it is handed over, and a failure is logged): the state is
 * already committed, and clients refetch on reconnect and on a seq gap, so a lost publish
 * delays a screen update but loses nothing.
 */
export async function publish(input: RealtimeEventInput): Promise<boolean> {
  const event: RealtimeEvent = realtimeEventSchema.parse(input);
  try {
    if (env.DATABASE_URL) {
      postgresEmitter(env.DATABASE_URL).to(eventRooms(event)).emit(REALTIME_MESSAGE, fitForNotify(event));
      return true;
    }
    if (!env.REALTIME_SECRET) {
      if (!toldNoSecret) logger.warn("REALTIME_SECRET is not set: realtime events are not published");
      toldNoSecret = true;
      return false;
    }
    await publishOverHttp(event, env.REALTIME_SECRET);
    return true;
  } catch (error) {
    logger.warn({ err: error, type: event.type, runId: event.runId }, "realtime publish failed");
    return false;
  }
}
