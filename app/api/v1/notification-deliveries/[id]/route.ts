// GET /api/v1/notification-deliveries/{id}: one delivery with its payload and every attempt; admin
import { getDeliveryAttempts } from "@/db/queries/notification-deliveries";
import { defineRoute } from "@/lib/api/define-route";
import { loadDeliveryFor } from "@/lib/api/load-delivery-for";
import { idParams } from "@/lib/api/schemas/common";
import {
  apiNotificationAttemptSchema,
  apiNotificationDeliverySchema,
} from "@/lib/api/schemas/notification-destination";
import { toDeliveryView } from "@/lib/notifications/delivery-view";
import { type NotificationPayload, notificationPayloadSchema } from "@/lib/notifications/notification-payload";

export const GET = defineRoute({
  method: "GET",
  path: "/notification-deliveries/{id}",
  tag: "notifications",
  summary: "Get a delivery and its attempts",
  permission: "admin",
  params: idParams,
  response: apiNotificationDeliverySchema.extend({
    payload: notificationPayloadSchema.describe("The body sent (webhooks), or rendered (Slack, email)"),
    attemptLog: apiNotificationAttemptSchema.array(),
  }),
  handler: async ({ db, actor, params }) => {
    const delivery = await loadDeliveryFor({ db, actor, id: params.id });
    const attempts = await getDeliveryAttempts({ db, deliveryId: delivery.id });
    return {
      ...toDeliveryView(delivery),
      payload: delivery.payload as NotificationPayload,
      attemptLog: attempts.map((attempt) => ({
        attempt: attempt.attempt,
        at: attempt.at.toISOString(),
        succeeded: attempt.succeeded,
        responseStatus: attempt.responseStatus,
        latencyMs: attempt.latencyMs,
        error: attempt.error,
      })),
    };
  },
});
