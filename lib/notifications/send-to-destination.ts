import type { NotificationDelivery, NotificationDestination } from "@/db/schema";
import { openDestinationSecret } from "@/lib/secrets/destination-secret-cipher";
import { createGuardedFetch } from "./guarded-fetch";
import type { NotificationPayload } from "./notification-payload";
import type { SendOutcome } from "./send-outcome";
import { sendEmail } from "./send-email";
import { sendSlack } from "./send-slack";
import { sendWebhook } from "./send-webhook";

/** One attempt of a delivery, by the destination's kind; never throws. */
export async function sendToDestination({
  destination,
  delivery,
  allowPrivate,
}: {
  destination: NotificationDestination;
  delivery: NotificationDelivery;
  allowPrivate: boolean;
}): Promise<SendOutcome> {
  const payload = delivery.payload as NotificationPayload;
  if (destination.kind === "email") return sendEmail({ to: destination.emailTo, payload });
  let secret: string;
  try {
    if (!destination.sealedSecret) throw new Error("The destination has no stored credential");
    secret = openDestinationSecret({ sealed: destination.sealedSecret, destinationId: destination.id });
  } catch (error) {
    return { ok: false, status: null, latencyMs: 0, error: error instanceof Error ? error.message : String(error) };
  }
  const fetch = createGuardedFetch({ allowPrivate });
  if (destination.kind === "slack") return sendSlack({ url: secret, payload, fetch });
  return sendWebhook({
    url: destination.url ?? "",
    secret,
    deliveryId: delivery.id,
    body: JSON.stringify(payload),
    fetch,
  });
}
