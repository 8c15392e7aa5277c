// GET /api/v1/notification-destinations/{id}/deliveries: the destination's delivery log, newest first, paginated; admin
import { z } from "zod";
import { getDeliveriesPage } from "@/db/queries/notification-deliveries";
import { defineRoute } from "@/lib/api/define-route";
import { loadDestinationFor } from "@/lib/api/load-destination-for";
import { decodeCursor, pageSchema, paginationQuery, toPage } from "@/lib/api/pagination";
import { idParams } from "@/lib/api/schemas/common";
import { apiNotificationDeliverySchema } from "@/lib/api/schemas/notification-destination";
import { toDeliveryView } from "@/lib/notifications/delivery-view";

export const GET = defineRoute({
  method: "GET",
  path: "/notification-destinations/{id}/deliveries",
  tag: "notifications",
  summary: "List a destination's deliveries",
  description: "Each with its event, status, attempts, and the last attempt's response code and latency.",
  permission: "admin",
  params: idParams,
  query: z.object(paginationQuery),
  response: pageSchema(apiNotificationDeliverySchema),
  handler: async ({ db, actor, params, query }) => {
    const destination = await loadDestinationFor({ db, actor, id: params.id });
    const rows = await getDeliveriesPage({
      db,
      destinationId: destination.id,
      after: decodeCursor(query.cursor),
      limit: query.limit + 1,
    });
    return toPage(rows, query.limit, toDeliveryView);
  },
});
