import { z } from "zod";
import { notificationEventTypes } from "@/db/schema";

// What people send to create or change a destination, for the REST API and the settings
// page alike. URLs are checked further when saved (check-target-url.ts).

export const MAX_EMAIL_RECIPIENTS = 20;
export const MAX_DESTINATION_PROJECTS = 200;

const name = z.string().trim().min(1, "Give the destination a name").max(100);
const url = z.string().trim().min(1, "Enter a URL").max(2000);
const events = z
  .array(z.enum(notificationEventTypes))
  .min(1, "Choose at least one event")
  .max(notificationEventTypes.length)
  .transform((list) => [...new Set(list)])
  .describe(`The events to send: ${notificationEventTypes.join(", ")}`);
const projectIds = z
  .array(z.uuid())
  .max(MAX_DESTINATION_PROJECTS)
  .nullable()
  .transform((list) => (list ? [...new Set(list)] : null))
  .describe("Only these projects of the team; null for every project, present and future");
const to = z
  .array(z.email().max(320))
  .min(1, "Enter at least one address")
  .max(MAX_EMAIL_RECIPIENTS)
  .transform((list) => [...new Set(list.map((address) => address.toLowerCase()))])
  .describe(`Addresses to email, at most ${MAX_EMAIL_RECIPIENTS}`);

const teamId = z.uuid().optional().describe("The destination's team; optional when the caller has one team");

export const createDestinationInput = z.discriminatedUnion("kind", [
  z.strictObject({
    teamId,
    kind: z.literal("webhook"),
    name,
    url: url.describe("Where to POST signed events (Standard Webhooks)"),
    events,
    projectIds: projectIds.default(null),
  }),
  z.strictObject({
    teamId,
    kind: z.literal("slack"),
    name,
    url: url.describe("A Slack incoming webhook URL (kept encrypted, never shown again)"),
    events,
    projectIds: projectIds.default(null),
  }),
  z.strictObject({ teamId, kind: z.literal("email"), name, to, events, projectIds: projectIds.default(null) }),
]);
export type CreateDestinationInput = z.output<typeof createDestinationInput>;

export const updateDestinationInput = z
  .strictObject({
    name: name.optional(),
    url: url.optional().describe("A new URL (webhook or Slack)"),
    to: to.optional().describe("New addresses (email)"),
    events: events.optional(),
    projectIds: projectIds.optional(),
    enabled: z
      .boolean()
      .optional()
      .describe("false stops deliveries; true turns a destination disabled after failures back on"),
  })
  .refine((input) => Object.keys(input).length > 0, "Nothing to change");
export type UpdateDestinationInput = z.output<typeof updateDestinationInput>;
