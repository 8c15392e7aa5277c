import type { WebhookDeliveryValues } from "@/db/queries/webhook-deliveries";
import type { GithubWebhookEvent } from "./handle-github-webhook";

/** The row that records a delivery (webhook_deliveries), status "received". */
export const deliveryValues = (event: GithubWebhookEvent): WebhookDeliveryValues => {
  const [type, action] = event.name.slice("github/".length).split(".") as [string, string | undefined];
  return {
    deliveryId: event.data.deliveryId,
    event: type,
    action: action ?? null,
    githubInstallationId: event.data.installationId ?? null,
    status: "received",
  };
};
