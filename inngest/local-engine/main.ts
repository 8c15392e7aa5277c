import pino from "pino";
import { watchParent } from "../../scripts/watch-parent";
import { readEngineConfig } from "./config";
import { createEngine } from "./create-engine";

// The embedded Inngest engine as its own process: `node --import tsx inngest/local-engine/main.ts`.
const config = readEngineConfig(process.env);
const logger = pino({ level: config.logLevel, base: { pid: process.pid, service: "inngest-engine" } });

let engine: Awaited<ReturnType<typeof createEngine>>;
try {
  engine = await createEngine({
    port: config.port,
    host: config.host,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir }),
    appUrls: config.appUrls,
    retryBaseMs: config.retryBaseMs,
    appUnreachableMs: config.appUnreachableMs,
    auth: config.auth,
    logger,
  });
} catch (error) {
  logger.fatal({ err: error }, "local Inngest engine could not start");
  process.exit(1);
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "local Inngest engine stopping");
  try {
    await engine.stop();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, "local Inngest engine did not stop cleanly");
    process.exit(1);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
watchParent(() => void shutdown("parent exited"));
