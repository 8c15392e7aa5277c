import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// Commands from one app instance to the others sharing the database (lib/instances): stop
// a run's commands, a run's previews, a studio session, wherever their processes run. A row
// per command, announced with NOTIFY; an instance that was not listening catches up on the
// rows it missed. Rows are pruned after a day.
export const instanceCommands = pgTable(
  "instance_commands",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    kind: text().notNull(),
    // What the command is about: a run id, a studio session id...
    target: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    // The instance that sent it (MERGELINE_INSTANCE_ID).
    sender: text().notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index().on(table.sentAt)],
);

export type InstanceCommandRow = typeof instanceCommands.$inferSelect;
