import { createServer, type IncomingMessage } from "node:http";
import { sql } from "drizzle-orm";
import next from "next";
import { closeDb, getDb } from "@/db";
import { describeDatabaseError } from "@/db/describe-database-error";
import { env } from "@/lib/platform/env";
import {
  closeDefaultWebhookDependencies,
  defaultWebhookDependencies,
} from "@/lib/intake/github/webhooks/default-webhook-dependencies";
import { createAppRequestHandler } from "@/lib/intake/app-request-handler";
import { createPreviewProxy } from "@/lib/preview-proxy/create-preview-proxy";
import { codeSearchMode } from "@/lib/code-index/code-search-mode";
import { getAppHealth } from "@/lib/health/app-health";
import { inngest } from "@/lib/inngest/client";
import { instanceCommands } from "@/lib/instances/instance-commands";
import { instanceId } from "@/lib/instances/instance-id";
import { reconcileRequested, studioResumeRequested } from "@/lib/inngest/events";
import { instrumentHandler } from "@/lib/platform/http/instrument-handler";
import { appBaseUrl } from "@/lib/platform/app-base-url";
import { logger } from "@/lib/platform/logger";
import { startOperatorSocket } from "./start-operator-socket";
import { watchParent } from "./watch-parent";

// The Next.js app behind a thin node:http server, which gives every request an id, a log
// line and a duration metric, proxies preview hosts (previews and studio apps, HTTP and
// websockets) to their apps, answers GitHub's webhook deliveries and health checks itself
// (sending on at start what the last run journaled and did not forward), and closes the
// webhook journal and the database cleanly on the way out.
const dev = process.argv.includes("--dev");

// GET /api/health, ahead of Next.js: when the engine has the app run many functions at
// once, the answer must not wait behind them (app-health.ts answers from recent checks).
const answerHealth = instrumentHandler(async (_req, res) => {
  const health = await getAppHealth();
  res
    .writeHead(health.status === "down" ? 503 : 200, {
      "content-type": "application/json",
      "cache-control": "no-store",
    })
    .end(JSON.stringify(health));
}, logger);
const isHealthCheck = (req: IncomingMessage) =>
  (req.method === "GET" || req.method === "HEAD") && (req.url === "/api/health" || req.url?.startsWith("/api/health?"));

async function main() {
  // Open the database first: a second owner of the data dir stops here, before listening.
  await getDb().execute(sql`select 1`);
  // Code search is hybrid only where pgvector is there and embeddings are configured: detected now, said once.
  const search = await codeSearchMode({ db: getDb() }).catch((error: unknown) => {
    logger.warn({ err: error }, "could not detect how code search ranks");
    return null;
  });
  if (search)
    logger.info(
      search.mode === "hybrid"
        ? { search: "hybrid", embeddingModel: search.embedding.id }
        : { search: "lexical", reason: search.reason },
      "code search",
    );
  const app = next({ dev, dir: process.cwd(), hostname: env.HOST, port: env.PORT });
  await app.prepare();
  // GitHub deliveries a previous run accepted but did not hand to Inngest go out now.
  if (env.GITHUB_WEBHOOK_SECRET) defaultWebhookDependencies();
  // Cancels and stops from other instances on the same Postgres reach this one from the start.
  await instanceCommands.listen();
  const handle = createAppRequestHandler(app.getRequestHandler());
  // Every preview and studio app, by host name, ahead of everything else (lib/preview-proxy).
  const previews = createPreviewProxy({ db: getDb, logger: logger.child({ component: "preview-proxy" }) });
  const server = createServer((req, res) =>
    previews.handles(req) ? previews.handle(req, res) : isHealthCheck(req) ? answerHealth(req, res) : handle(req, res),
  );
  // Websockets of preview hosts (HMR); the app's own upgrades are left to Next.js.
  server.on("upgrade", (req, socket, head) => {
    if (previews.handles(req)) void previews.upgrade(req, socket, head);
  });
  server.keepAliveTimeout = 65_000;
  server.on("error", (error) => {
    logger.fatal({ err: error }, "app server could not start");
    void closeDb().finally(() => process.exit(1));
  });
  server.listen(env.PORT, env.HOST, () => {
    logger.info({ port: env.PORT, host: env.HOST, dev, instance: instanceId() }, "app listening");
    void requestReconciliation();
  });
  // `npm run auth:sign-in-link` asks the running app through it (the database is the app's).
  const closeOperatorSocket = await startOperatorSocket({
    dataDir: env.dataDir,
    db: getDb,
    baseUrl: appBaseUrl(env),
    logger,
  }).catch((error: unknown) => {
    logger.warn({ err: error }, "could not open the operator socket; auth:sign-in-link needs Mergeline stopped");
    return null;
  });

  let stopping = false;
  const shutdown = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, "app stopping");
    server.closeIdleConnections();
    previews.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await closeOperatorSocket?.();
    await app.close?.();
    await closeDefaultWebhookDependencies().catch((error: unknown) =>
      logger.warn({ err: error }, "could not close the webhook journal"),
    );
    await instanceCommands.close();
    await closeDb();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  watchParent(() => void shutdown("parent exited"));
}

// At every start, look for runs a crash left with no live pipeline (reconcile-runs). The
// engine may still be starting: try for a while; the function's schedule covers the rest.
async function requestReconciliation(): Promise<void> {
  for (let attempt = 1; attempt <= 24; attempt++) {
    try {
      // Runs with no live pipeline, and studio sessions whose dev servers died with the last app.
      await inngest.send([
        reconcileRequested.create({ reason: "app started" }),
        studioResumeRequested.create({ reason: "app started" }),
      ]);
      return;
    } catch (error) {
      if (attempt === 24) return logger.warn({ err: error }, "could not ask for a reconciliation of runs at start");
      await new Promise((resolve) => setTimeout(resolve, 5_000).unref());
    }
  }
}

main().catch(async (error) => {
  // What failed, in words (an unreachable Postgres names its host, port and system error).
  const reason =
    describeDatabaseError(error, env.DATABASE_URL) ?? (error instanceof Error ? error.message : String(error));
  logger.fatal({ err: error, reason }, "app failed to start");
  await closeDb().catch(() => {});
  process.exit(1);
});
