// POST /api/v1/notification-destinations/{id}/test: send a `notification.test` message to the destination (tried once); admin; 202 with the delivery
import { defineRoute } from "@/lib/api/define-route";
import { loadDestinationFor } from "@/lib/api/load-destination-for";
import { idParams } from "@/lib/api/schemas/common";
import { apiNotificationDeliverySchema } from "@/lib/api/schemas/notification-destination";
import { sendTestNotification } from "@/lib/notifications/send-test-notification";

export const POST = defineRoute({
  method: "POST",
  path: "/notification-destinations/{id}/test",
  tag: "notifications",
  summary: "Send a test notification",
  description:
    "Delivered in the background like any notification, but tried once, even to a disabled destination; its result " +
    "appears in the delivery log (`GET /notification-destinations/{id}/deliveries`).",
  permission: "admin",
  status: 202,
  params: idParams,
  response: apiNotificationDeliverySchema,
  errors: ["unavailable"],
  handler: async ({ db, actor, ip, params }) => {
    const destination = await loadDestinationFor({ db, actor, id: params.id });
    return sendTestNotification({ db, actor, ip, destination });
  },
});
