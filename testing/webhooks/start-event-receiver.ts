import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedEvent = { name: string; id?: string; data: Record<string, unknown> };

/**
 * The request handler of the event intake of the Inngest protocol (`POST /e/:key` with a
 * JSON array, answered `{ ids, status }`, like the embedded engine and Inngest's
 * servers), keeping what it received.
 */
export function eventReceiverHandler({ keep = true }: { keep?: boolean } = {}) {
  const events: ReceivedEvent[] = [];
  let received = 0;
  let refused = 0;
  let failing = false;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.method !== "POST" || !req.url?.startsWith("/e/")) {
        res.writeHead(404).end();
        return;
      }
      if (failing) {
        refused++;
        res
          .writeHead(500, { "content-type": "application/json" })
          .end(JSON.stringify({ error: "engine down", status: 500 }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ReceivedEvent | ReceivedEvent[];
      const batch = Array.isArray(body) ? body : [body];
      received += batch.length;
      if (keep) events.push(...batch);
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ ids: batch.map(() => randomUUID()), status: 200 }));
    });
  };
  return {
    handler,
    events,
    received: () => received,
    /** Requests answered 500 while failing. */
    refused: () => refused,
    setFailing: (value: boolean) => {
      failing = value;
    },
  };
}

/**
 * For tests: eventReceiverHandler on 127.0.0.1. Point INNGEST_BASE_URL at `url` with
 * INNGEST_DEV=1 before the Inngest client is imported.
 */
export async function startEventReceiver({ keep = true }: { keep?: boolean } = {}) {
  const { handler, events, received, refused, setFailing } = eventReceiverHandler({ keep });
  const server = createServer(handler);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    events,
    received,
    refused,
    /** Makes the receiver answer 500, as an engine that is down would. */
    setFailing,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
