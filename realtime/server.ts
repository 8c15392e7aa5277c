import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import type { Logger } from "pino";
import { Server, type ServerOptions } from "socket.io";
import { isPublisher, verifyRealtimeToken } from "./auth";
import {
  eventRooms,
  REALTIME_HEALTH_PATH,
  REALTIME_MESSAGE,
  REALTIME_PUBLISH_PATH,
  realtimeEventSchema,
  subscribeSchema,
  subscriptionRoom,
} from "./contract";

const MAX_PUBLISH_BYTES = 256 * 1024;

type SocketData = { userId: string; projects: Set<string> };

export type RealtimeServer = { http: HttpServer; io: Server; close: () => Promise<void> };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_PUBLISH_BYTES) {
        reject(new Error("payload too large"));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/**
 * The socket.io sidecar. Browsers connect with a short-lived token from the app and may
 * subscribe only to projects the token names; the app POSTs events to /publish with the
 * shared secret and they are relayed to the project's and the run's rooms.
 */
export function createRealtimeServer({
  secret,
  logger,
  adapter,
}: {
  secret: string;
  logger: Logger;
  /** A socket.io adapter (the Postgres one) so several sidecars share rooms. */
  adapter?: ServerOptions["adapter"];
}): RealtimeServer {
  const http = createServer();
  // Tokens, not cookies, authorize a socket, so any origin may connect.
  const io = new Server<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>(http, {
    cors: { origin: true },
    serveClient: false,
    ...(adapter ? { adapter } : {}),
  });

  http.on("request", async (req, res) => {
    // socket.io answers its own path on this same server.
    if (req.url?.startsWith("/socket.io/")) return;
    if (req.method === "GET" && req.url === REALTIME_HEALTH_PATH) {
      return reply(res, 200, { status: "ok", pid: process.pid, connections: io.engine.clientsCount });
    }
    if (req.method === "POST" && req.url === REALTIME_PUBLISH_PATH) {
      if (!isPublisher(req.headers.authorization, secret)) return reply(res, 401, { error: "unauthorized" });
      try {
        const event = realtimeEventSchema.parse(JSON.parse(await readBody(req)));
        io.to(eventRooms(event)).emit(REALTIME_MESSAGE, event);
        return reply(res, 202, { delivered: true });
      } catch (error) {
        return reply(res, 400, { error: error instanceof Error ? error.message : "bad event" });
      }
    }
    reply(res, 404, { error: "not found" });
  });

  io.use(async (socket, next) => {
    try {
      const claims = await verifyRealtimeToken(socket.handshake.auth?.token, secret);
      socket.data = { userId: claims.sub, projects: new Set(claims.projects) };
      next();
    } catch {
      next(new Error("unauthorized"));
    }
  });

  io.on("connection", (socket) => {
    const subscribe = (payload: unknown, ack?: (answer: { ok: boolean; error?: string }) => void) => {
      const parsed = subscribeSchema.safeParse(payload);
      if (!parsed.success) return ack?.({ ok: false, error: "invalid subscription" });
      if (!socket.data.projects.has(parsed.data.projectId)) return ack?.({ ok: false, error: "forbidden" });
      socket.join(subscriptionRoom(parsed.data));
      ack?.({ ok: true });
    };
    socket.on("subscribe" as never, subscribe as never);
    socket.on(
      "unsubscribe" as never,
      ((payload: unknown) => {
        const parsed = subscribeSchema.safeParse(payload);
        if (!parsed.success) return;
        socket.leave(subscriptionRoom(parsed.data));
      }) as never,
    );
    logger.debug({ userId: socket.data.userId }, "realtime client connected");
  });

  const close = () =>
    new Promise<void>((resolve) => {
      io.close(() => resolve());
    });
  return { http, io, close };
}
