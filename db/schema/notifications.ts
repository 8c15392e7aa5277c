import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { runs } from "./runs";

// When a person last read the notification of a run (a run that needs a person). A run
// that needs a person again later (a newer state_changed_at) is unread again.
export const notificationReads = pgTable(
  "notification_reads",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    readAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.runId] }), index().on(table.runId)],
);

export type NotificationRead = typeof notificationReads.$inferSelect;
