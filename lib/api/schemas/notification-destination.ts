import { z } from "zod";
import { notificationEventTypes } from "@/db/schema";
import { isoDate } from "./common";

// A destination as the API shows it: never its signing secret or Slack URL.
export const apiNotificationDestinationSchema = z.object({
  id: z.uuid(),
  teamId: z.uuid(),
  name: z.string(),
  kind: z.enum(["webhook", "slack", "email"]),
  url: z
    .string()
    .nullable()
    .describe("The webhook's URL; for Slack only a hint (the URL is a credential); null for email"),
  to: z.array(z.string()).describe("Email addresses (email destinations)"),
  events: z.array(z.enum(notificationEventTypes)),
  projectIds: z.array(z.uuid()).nullable().describe("Only these projects; null for every project of the team"),
  enabled: z.boolean(),
  disabledAt: isoDate.nullable(),
  disabledReason: z.string().nullable().describe("Why it is off: turned off by a person, or 24 hours of failures"),
  failingSince: isoDate.nullable().describe("The first failed attempt since the last success"),
  lastSuccessAt: isoDate.nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const apiCreatedDestinationSchema = z.object({
  destination: apiNotificationDestinationSchema,
  secret: z
    .string()
    .nullable()
    .describe("A webhook's signing secret (whsec_...): shown this once, never again; null for Slack and email"),
});

export const apiNotificationDeliverySchema = z.object({
  id: z.uuid(),
  webhookId: z.string().describe("The `webhook-id` header of its requests: the same on every attempt and resend"),
  destinationId: z.uuid(),
  eventType: z.string(),
  projectId: z.uuid().nullable(),
  runId: z.uuid().nullable(),
  status: z.enum(["pending", "retrying", "succeeded", "failed"]),
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable().describe("The last attempt's HTTP status (or SMTP reply code)"),
  latencyMs: z.number().int().nullable().describe("The last attempt's latency"),
  error: z.string().nullable(),
  createdAt: isoDate,
  lastAttemptAt: isoDate.nullable(),
  nextAttemptAt: isoDate.nullable().describe("When it is tried again, while retrying"),
  deliveredAt: isoDate.nullable(),
});

export const apiNotificationAttemptSchema = z.object({
  attempt: z.number().int(),
  at: isoDate,
  succeeded: z.boolean(),
  responseStatus: z.number().int().nullable(),
  latencyMs: z.number().int(),
  error: z.string().nullable(),
});
