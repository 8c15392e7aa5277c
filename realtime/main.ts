import pino from "pino";
import { readRealtimeConfig } from "./config";
import { createPostgresAdapter } from "./postgres-adapter";
import { createRealtimeServer } from "./server";
import { watchParent } from "../scripts/watch-parent";

const config = readRealtimeConfig(process.env);
const logger = pino({ level: config.LOG_LEVEL, base: { pid: process.pid, service: "realtime" } });
const postgres = config.DATABASE_URL ? createPostgresAdapter({ url: config.DATABASE_URL, logger }) : null;
const server = createRealtimeServer({ secret: config.REALTIME_SECRET, logger, adapter: postgres?.adapter });

server.http.listen(config.REALTIME_PORT, config.HOST, () => {
  logger.info(
    { port: config.REALTIME_PORT, host: config.HOST, adapter: postgres ? "postgres" : "memory" },
    "realtime sidecar listening",
  );
});
server.http.on("error", (error) => {
  logger.fatal({ err: error }, "realtime sidecar could not start");
  process.exit(1);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "realtime sidecar stopping");
  await server.close();
  await postgres?.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
watchParent(() => void shutdown("parent exited"));
