// POST /api/v1/notification-destinations/{id}/secret: a new signing secret for a webhook destination, shown this once; admin
import { defineRoute } from "@/lib/api/define-route";
import { loadDestinationFor } from "@/lib/api/load-destination-for";
import { idParams } from "@/lib/api/schemas/common";
import { apiCreatedDestinationSchema } from "@/lib/api/schemas/notification-destination";
import { rotateDestinationSecret } from "@/lib/notifications/rotate-destination-secret";

export const POST = defineRoute({
  method: "POST",
  path: "/notification-destinations/{id}/secret",
  tag: "notifications",
  summary: "Rotate a webhook's signing secret",
  description: "The old secret stops signing at once. 409 for Slack and email destinations, which have none.",
  permission: "admin",
  params: idParams,
  response: apiCreatedDestinationSchema,
  errors: ["conflict"],
  handler: async ({ db, actor, ip, params }) => {
    const destination = await loadDestinationFor({ db, actor, id: params.id });
    return rotateDestinationSecret({ db, actor, ip, destination });
  },
});
