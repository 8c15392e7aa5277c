import { bigserial, customType, pgTable, timestamp } from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

// @socket.io/postgres-adapter and -emitter keep payloads too large for a NOTIFY here
// (the sidecars fan events out over Postgres when DATABASE_URL is set). Its shape is
// the adapter's own; the sidecar names the table, it does not import this schema.
export const socketIoAttachments = pgTable("socket_io_attachments", {
  id: bigserial({ mode: "number" }).unique(),
  createdAt: timestamp({ withTimezone: true }).defaultNow(),
  payload: bytea(),
});
