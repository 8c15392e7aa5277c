import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, id, updatedAt } from "./columns";
import { projects } from "./projects";
import { runs } from "./runs";
import { teams } from "./teams";

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

// The events a destination can subscribe to; names are a contract with receivers.
export const notificationEventTypes = [
  "run.plan_proposed",
  "run.pr_opened",
  "run.needs_human",
  "run.failed",
  "run.merged",
  "validation.failed",
] as const;
export type NotificationEventType = (typeof notificationEventTypes)[number];
/** What "Send test" delivers; never subscribed to. */
export const TEST_NOTIFICATION_EVENT = "notification.test";

export const notificationDestinationKind = pgEnum("notification_destination_kind", ["webhook", "slack", "email"]);
export type NotificationDestinationKind = (typeof notificationDestinationKind.enumValues)[number];
export const notificationDeliveryStatus = pgEnum("notification_delivery_status", [
  "pending",
  "retrying",
  "succeeded",
  "failed",
]);
export type NotificationDeliveryStatus = (typeof notificationDeliveryStatus.enumValues)[number];

// Where a team's notifications go. A webhook's signing secret and a Slack URL (which is
// itself the credential) are sealed with lib/secrets (AES-256-GCM) in `sealed_secret`.
export const notificationDestinations = pgTable(
  "notification_destinations",
  {
    id: id(),
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    name: text().notNull(),
    kind: notificationDestinationKind().notNull(),
    // The webhook's URL; for Slack a hint that names it without its token.
    url: text(),
    sealedSecret: text(),
    emailTo: jsonb().$type<string[]>().notNull().default([]),
    // The subscription: events, and projects (null: every project of the team).
    events: jsonb().$type<NotificationEventType[]>().notNull(),
    projectIds: jsonb().$type<string[] | null>(),
    enabled: boolean().notNull().default(true),
    disabledAt: timestamp({ withTimezone: true }),
    disabledReason: text(),
    // The first failed attempt since the last success: 24 hours of failures disable it.
    failingSince: timestamp({ withTimezone: true }),
    lastSuccessAt: timestamp({ withTimezone: true }),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index().on(table.teamId)],
);

// One message to one destination; its id is the message's `webhook-id`, the same on every
// attempt and resend, so receivers can drop repeats. (destination, source) is unique: a
// replayed event never makes a second delivery.
export const notificationDeliveries = pgTable(
  "notification_deliveries",
  {
    id: id(),
    destinationId: uuid()
      .notNull()
      .references(() => notificationDestinations.id, { onDelete: "cascade" }),
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    projectId: uuid().references(() => projects.id, { onDelete: "set null" }),
    runId: uuid().references(() => runs.id, { onDelete: "set null" }),
    eventType: text().notNull(),
    sourceKey: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    status: notificationDeliveryStatus().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    // 1, then one more per resend: each send is a durable function run of its own.
    sends: integer().notNull().default(1),
    responseStatus: integer(),
    latencyMs: integer(),
    error: text(),
    lastAttemptAt: timestamp({ withTimezone: true }),
    nextAttemptAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique().on(table.destinationId, table.sourceKey),
    index().on(table.destinationId, table.createdAt.desc()),
  ],
);

export const notificationDeliveryAttempts = pgTable(
  "notification_delivery_attempts",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    deliveryId: uuid()
      .notNull()
      .references(() => notificationDeliveries.id, { onDelete: "cascade" }),
    attempt: integer().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    succeeded: boolean().notNull(),
    responseStatus: integer(),
    latencyMs: integer().notNull(),
    error: text(),
  },
  (table) => [unique().on(table.deliveryId, table.attempt)],
);

// Team-wide notices in the bell that are about no run (a destination disabled after a day
// of failures), for the team's admins; `source_key` makes writing one idempotent.
export const teamNotices = pgTable(
  "team_notices",
  {
    id: id(),
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    title: text().notNull(),
    href: text().notNull(),
    sourceKey: text().notNull().unique(),
    createdAt: createdAt(),
  },
  (table) => [index().on(table.teamId, table.createdAt.desc())],
);

export const teamNoticeReads = pgTable(
  "team_notice_reads",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    noticeId: uuid()
      .notNull()
      .references(() => teamNotices.id, { onDelete: "cascade" }),
    readAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.noticeId] }), index().on(table.noticeId)],
);

export type NotificationRead = typeof notificationReads.$inferSelect;
export type NotificationDestination = typeof notificationDestinations.$inferSelect;
export type NotificationDelivery = typeof notificationDeliveries.$inferSelect;
export type NotificationDeliveryAttempt = typeof notificationDeliveryAttempts.$inferSelect;
export type TeamNotice = typeof teamNotices.$inferSelect;
