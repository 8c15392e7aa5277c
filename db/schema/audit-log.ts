import { bigserial, index, jsonb, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { teams } from "./teams";

export const actorType = pgEnum("actor_type", ["user", "api_key", "system", "github"]);

// Who did what, when and from where. Rows are only ever inserted.
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    teamId: uuid().references(() => teams.id, { onDelete: "cascade" }),
    actorType: actorType().notNull(),
    actorId: text(),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    ipAddress: text(),
    createdAt: createdAt(),
  },
  (table) => [index().on(table.teamId, table.createdAt.desc()), index().on(table.action)],
);

export type AuditLogEntry = typeof auditLog.$inferSelect;
