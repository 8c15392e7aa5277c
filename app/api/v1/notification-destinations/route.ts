// GET /api/v1/notification-destinations: the team's notification destinations (webhooks, Slack, email); admin
// POST /api/v1/notification-destinations: create a destination and its subscription; admin; 201 with it (a webhook's secret shown this once)
import { z } from "zod";
import { listNotificationDestinations } from "@/db/queries/notification-destinations";
import { defineRoute } from "@/lib/api/define-route";
import { resolveTeamId } from "@/lib/api/resolve-team-id";
import {
  apiCreatedDestinationSchema,
  apiNotificationDestinationSchema,
} from "@/lib/api/schemas/notification-destination";
import { createDestination } from "@/lib/notifications/create-destination";
import { createDestinationInput } from "@/lib/notifications/destination-input";
import { toDestinationView } from "@/lib/notifications/destination-view";

export const GET = defineRoute({
  method: "GET",
  path: "/notification-destinations",
  tag: "notifications",
  summary: "List the team's notification destinations",
  description: "Oldest first. Never returns a webhook's signing secret or a Slack URL (only a hint of it).",
  permission: "admin",
  query: z.object({ teamId: z.uuid().optional().describe("The team; optional when the caller has one team") }),
  response: z.object({ data: z.array(apiNotificationDestinationSchema) }),
  handler: async ({ db, actor, query }) => {
    const teamId = resolveTeamId(actor, query.teamId, "admin");
    return { data: (await listNotificationDestinations({ db, teamId })).map(toDestinationView) };
  },
});

export const POST = defineRoute({
  method: "POST",
  path: "/notification-destinations",
  tag: "notifications",
  summary: "Create a notification destination",
  description:
    "`kind` is `webhook` (signed as Standard Webhooks; the response's `secret` is shown this once), `slack` (an incoming " +
    "webhook URL, kept encrypted) or `email` (needs MERGELINE_SMTP_URL on the server). URLs on private, loopback or " +
    "link-local addresses are refused (400) unless the server sets MERGELINE_ALLOW_PRIVATE_WEBHOOKS=true. The payloads " +
    "are described in this document's `webhooks` section.",
  permission: "admin",
  status: 201,
  body: createDestinationInput,
  response: apiCreatedDestinationSchema,
  handler: async ({ db, actor, ip, body }) => {
    const teamId = resolveTeamId(actor, body.teamId, "admin");
    return createDestination({ db, actor, ip, teamId, input: body });
  },
});
