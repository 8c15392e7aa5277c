import { bigint, boolean, index, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { teams } from "./teams";

export const installations = pgTable("installations", {
  id: id(),
  githubInstallationId: bigint({ mode: "number" }).notNull().unique(),
  teamId: uuid()
    .notNull()
    .references(() => teams.id, { onDelete: "cascade" }),
  accountLogin: text().notNull(),
  accountType: text().notNull(),
  repositorySelection: text().notNull().default("selected"),
  suspendedAt: timestamp({ withTimezone: true }),
  deletedAt: timestamp({ withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

// The repositories an installation can reach, kept in sync by installation webhooks.
export const installationRepositories = pgTable(
  "installation_repositories",
  {
    id: id(),
    installationId: uuid()
      .notNull()
      .references(() => installations.id, { onDelete: "cascade" }),
    githubRepositoryId: bigint({ mode: "number" }).notNull(),
    fullName: text().notNull(),
    private: boolean().notNull().default(false),
    defaultBranch: text(),
    createdAt: createdAt(),
  },
  (table) => [unique().on(table.installationId, table.githubRepositoryId), index().on(table.fullName)],
);

// One row per GitHub delivery id: a redelivery finds its row and does nothing.
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    deliveryId: text().primaryKey(),
    event: text().notNull(),
    action: text(),
    githubInstallationId: bigint({ mode: "number" }),
    status: text().notNull().default("received"),
    receivedAt: createdAt(),
  },
  (table) => [index().on(table.receivedAt)],
);

export type Installation = typeof installations.$inferSelect;
export type InstallationRepository = typeof installationRepositories.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
