import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import { notificationDeliveryRequested } from "@/lib/inngest/events";
import { attemptDelivery } from "@/lib/notifications/attempt-delivery";

// One notification to one destination, durably: an attempt per step, a durable sleep between
// attempts (exponential, for up to 24 hours: lib/notifications/retry-schedule.ts). The steps
// decide; this is the loop.
export const deliverNotification = inngest.createFunction(
  {
    id: "deliver-notification",
    triggers: [notificationDeliveryRequested],
    // A resend while a send runs is refused (409), so one send at a time per delivery.
    concurrency: [{ limit: 1, key: "event.data.deliveryId" }],
    retries: 3,
  },
  async ({ event, step }) => {
    for (let index = 1; ; index++) {
      const result = await step.run(`attempt-${index}`, () =>
        attemptDelivery({ db: getDb(), deliveryId: event.data.deliveryId, index }),
      );
      if (result.finished || result.nextDelayMs === null) return result;
      await step.sleep(`wait-${index}`, result.nextDelayMs);
    }
  },
);
