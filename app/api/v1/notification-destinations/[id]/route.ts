// GET /api/v1/notification-destinations/{id}: one destination; admin
// PATCH /api/v1/notification-destinations/{id}: change its name, URL, addresses, subscription, or turn it on or off; admin
// DELETE /api/v1/notification-destinations/{id}: delete it and its delivery log; admin
import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { loadDestinationFor } from "@/lib/api/load-destination-for";
import { idParams } from "@/lib/api/schemas/common";
import { apiNotificationDestinationSchema } from "@/lib/api/schemas/notification-destination";
import { deleteDestination } from "@/lib/notifications/delete-destination";
import { updateDestinationInput } from "@/lib/notifications/destination-input";
import { toDestinationView } from "@/lib/notifications/destination-view";
import { updateDestination } from "@/lib/notifications/update-destination";

export const GET = defineRoute({
  method: "GET",
  path: "/notification-destinations/{id}",
  tag: "notifications",
  summary: "Get a notification destination",
  permission: "admin",
  params: idParams,
  response: apiNotificationDestinationSchema,
  handler: async ({ db, actor, params }) => toDestinationView(await loadDestinationFor({ db, actor, id: params.id })),
});

export const PATCH = defineRoute({
  method: "PATCH",
  path: "/notification-destinations/{id}",
  tag: "notifications",
  summary: "Change a notification destination",
  description:
    "Only the fields given change. `enabled: true` turns a destination disabled after 24 hours of failures back on and " +
    "clears its failure record. A new URL is checked like a new destination's.",
  permission: "admin",
  params: idParams,
  body: updateDestinationInput,
  response: apiNotificationDestinationSchema,
  handler: async ({ db, actor, ip, params, body }) => {
    const destination = await loadDestinationFor({ db, actor, id: params.id });
    return updateDestination({ db, actor, ip, destination, input: body });
  },
});

export const DELETE = defineRoute({
  method: "DELETE",
  path: "/notification-destinations/{id}",
  tag: "notifications",
  summary: "Delete a notification destination",
  description: "Deliveries still being retried stop at their next attempt.",
  permission: "admin",
  params: idParams,
  response: z.object({ deleted: z.literal(true) }),
  handler: async ({ db, actor, ip, params }) => {
    const destination = await loadDestinationFor({ db, actor, id: params.id });
    await deleteDestination({ db, actor, ip, destination });
    return { deleted: true as const };
  },
});
