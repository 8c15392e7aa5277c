import { createAdapter } from "@socket.io/postgres-adapter";
import pg from "pg";
import type { Logger } from "pino";
import { SOCKET_IO_ATTACHMENTS_TABLE } from "./contract";

/**
 * The socket.io Postgres adapter: sidecars sharing a database relay each other's
 * broadcasts (LISTEN/NOTIFY, large payloads through socket_io_attachments, a table the
 * app's migrations create), so a browser on any sidecar receives every event.
 */
export function createPostgresAdapter({ url, logger }: { url: string; logger: Logger }) {
  // One connection LISTENs, the others NOTIFY and clean up: a few are plenty.
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on("error", (error) => logger.warn({ err: error }, "realtime Postgres pool error"));
  const adapter = createAdapter(pool, {
    tableName: SOCKET_IO_ATTACHMENTS_TABLE,
    errorHandler: (error) => logger.warn({ err: error }, "realtime Postgres adapter error"),
  });
  return { adapter, close: () => pool.end() };
}
