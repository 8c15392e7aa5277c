import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, id } from "./columns";
import { teams } from "./teams";

export const apiKeyScopes = ["read", "runs:write", "admin"] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

// Only a hash of the key is stored; the prefix lets a person recognise it in a list.
export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    name: text().notNull(),
    prefix: text().notNull(),
    keyHash: text().notNull().unique(),
    scopes: text().array().$type<ApiKeyScope[]>().notNull(),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    lastUsedAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [index().on(table.teamId)],
);

export type ApiKey = typeof apiKeys.$inferSelect;
