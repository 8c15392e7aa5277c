import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, id } from "./columns";

// Fixed-window request counters, in the database so every instance shares them.
export const rateLimits = pgTable("rate_limits", {
  // e.g. "key:<api key id>:write" or "ip:<address>:write"
  key: text().primaryKey(),
  windowStart: timestamp({ withTimezone: true }).notNull(),
  count: integer().notNull().default(0),
});

// One-time sign-in links (the first admin's, printed at start-up). Only a hash is kept.
export const oneTimeLogins = pgTable(
  "one_time_logins",
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text().notNull().unique(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [index().on(table.userId)],
);

export type RateLimit = typeof rateLimits.$inferSelect;
export type OneTimeLogin = typeof oneTimeLogins.$inferSelect;
