// POST /api/v1/notification-deliveries/{id}/resend: send a finished delivery again (same payload and webhook-id); admin; 202 with the delivery
import { defineRoute } from "@/lib/api/define-route";
import { loadDeliveryFor } from "@/lib/api/load-delivery-for";
import { idParams } from "@/lib/api/schemas/common";
import { apiNotificationDeliverySchema } from "@/lib/api/schemas/notification-destination";
import { resendDelivery } from "@/lib/notifications/resend-delivery";

export const POST = defineRoute({
  method: "POST",
  path: "/notification-deliveries/{id}/resend",
  tag: "notifications",
  summary: "Resend a delivery",
  description:
    "For a delivery that succeeded or failed: it goes out again with the same payload and `webhook-id` (receivers that " +
    "already processed it can drop it), on a fresh retry schedule. 409 while it is still being attempted.",
  permission: "admin",
  status: 202,
  params: idParams,
  response: apiNotificationDeliverySchema,
  errors: ["conflict", "unavailable"],
  handler: async ({ db, actor, ip, params }) => {
    const delivery = await loadDeliveryFor({ db, actor, id: params.id });
    return resendDelivery({ db, actor, ip, delivery });
  },
});
