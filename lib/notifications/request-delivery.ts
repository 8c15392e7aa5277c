import { inngest } from "@/lib/inngest/client";
import { notificationDeliveryRequested } from "@/lib/inngest/events";

/**
 * The event that makes deliver-notification send one delivery; its id makes a repeat of
 * the same send a no-op.
 */
export const deliveryEvent = ({ deliveryId, send }: { deliveryId: string; send: number }) =>
  notificationDeliveryRequested.create({ deliveryId, send }, { id: `notification-delivery-${deliveryId}-${send}` });

/** Hands a delivery to Inngest (outside a function: Send test, Resend). */
export async function requestDelivery(delivery: { deliveryId: string; send: number }): Promise<void> {
  await inngest.send(deliveryEvent(delivery));
}
