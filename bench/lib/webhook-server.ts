import fs from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import pino from "pino";
import { createNodeMiddleware, Probot } from "probot";

// A server of the webhook benchmark (bench/webhooks.ts) in a process of its own, as each
// runs in production: `mergeline` is the app server's request handler (webhook handler
// with its log at LOG_LEVEL, metrics, embedded database and Inngest client); `probot` is
// Probot's createNodeMiddleware with an app that handles every event; `intake` is the
// Inngest event intake standing in for the engine. Tells the parent its port over IPC;
// stops on SIGTERM.

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

async function mergeline(): Promise<{ handler: Handler; close: () => Promise<void> }> {
  const dataDir = process.env.MERGELINE_DATA_DIR!;
  fs.mkdirSync(dataDir, { recursive: true });
  const { openDatabase } = await import("@/db/client");
  const { migrateDatabase } = await import("@/db/migrate");
  const { setDatabaseHandle } = await import("@/db");
  const handle = openDatabase({ dataDir: path.join(dataDir, "db") });
  await migrateDatabase(handle);
  setDatabaseHandle(handle);
  const { createAppRequestHandler } = await import("@/lib/intake/app-request-handler");
  // Next.js would answer anything else; nothing else is asked here.
  return { handler: createAppRequestHandler((_req, res) => res.writeHead(404).end()), close: () => handle.close() };
}

async function probot(): Promise<{ handler: Handler; close: () => Promise<void> }> {
  const app = new Probot({
    githubToken: "bench",
    secret: process.env.GITHUB_WEBHOOK_SECRET!,
    log: pino({ level: process.env.LOG_LEVEL ?? "info" }),
  });
  const middleware = await createNodeMiddleware((probotApp) => probotApp.onAny(async () => undefined), { probot: app });
  return {
    handler: (req, res) => void middleware(req, res, () => res.writeHead(404).end()),
    close: async () => undefined,
  };
}

async function intake(): Promise<{ handler: Handler; close: () => Promise<void> }> {
  const { eventReceiverHandler } = await import("@/testing/webhooks/start-event-receiver");
  const intake = eventReceiverHandler({ keep: false });
  // GET /received: how many events came in (the benchmark waits for what it caused).
  const handler: Handler = (req, res) =>
    req.method === "GET" && req.url === "/received" ? res.end(String(intake.received())) : intake.handler(req, res);
  return { handler, close: async () => undefined };
}

const sides = { mergeline, probot, intake };
const side = await sides[process.argv[2] as keyof typeof sides]();
const server = createServer(side.handler);
server.keepAliveTimeout = 30_000;
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
process.send?.({ port: (server.address() as AddressInfo).port });
process.once("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => void side.close().finally(() => process.exit(0)));
});
