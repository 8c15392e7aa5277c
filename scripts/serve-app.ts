import { createServer } from "node:http";
import { sql } from "drizzle-orm";
import next from "next";
import { closeDb, getDb } from "@/db";
import { env } from "@/lib/platform/env";
import {
  closeDefaultWebhookDependencies,
  defaultWebhookDependencies,
} from "@/lib/intake/github/webhooks/default-webhook-dependencies";
import { createAppRequestHandler } from "@/lib/intake/app-request-handler";
import { logger } from "@/lib/platform/logger";
import { watchParent } from "./watch-parent";

// The Next.js app behind a thin node:http server, which gives every request an id, a log
// line and a duration metric, answers GitHub's webhook deliveries itself (sending on at
// start what the last run journaled and did not forward), and closes the webhook journal
// and the database cleanly on the way out.
const dev = process.argv.includes("--dev");

async function main() {
  // Open the database first: a second owner of the data dir stops here, before listening.
  await getDb().execute(sql`select 1`);
  const app = next({ dev, dir: process.cwd(), hostname: env.HOST, port: env.PORT });
  await app.prepare();
  // GitHub deliveries a previous run accepted but did not hand to Inngest go out now.
  if (env.GITHUB_WEBHOOK_SECRET) defaultWebhookDependencies();
  const server = createServer(createAppRequestHandler(app.getRequestHandler()));
  server.keepAliveTimeout = 65_000;
  server.on("error", (error) => {
    logger.fatal({ err: error }, "app server could not start");
    void closeDb().finally(() => process.exit(1));
  });
  server.listen(env.PORT, env.HOST, () => logger.info({ port: env.PORT, host: env.HOST, dev }, "app listening"));

  let stopping = false;
  const shutdown = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, "app stopping");
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await app.close?.();
    await closeDefaultWebhookDependencies().catch((error: unknown) =>
      logger.warn({ err: error }, "could not close the webhook journal"),
    );
    await closeDb();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  watchParent(() => void shutdown("parent exited"));
}

main().catch(async (error) => {
  logger.fatal({ err: error }, "app failed to start");
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  await closeDb().catch(() => {});
  process.exit(1);
});
