import { getDb } from "@/db";
import { inngest } from "@/lib/inngest/client";
import { runStateChanged, validationCompleted } from "@/lib/inngest/events";
import { enqueueRunNotifications } from "@/lib/notifications/enqueue-run-notifications";
import { notificationEventForState } from "@/lib/notifications/notification-event-for-state";
import { deliveryEvent } from "@/lib/notifications/request-delivery";

// Notifications listen to the run like reporting does: a state change that people want to
// hear about (or a failed validation) becomes one delivery per subscribed destination, each
// sent by deliver-notification, durably and on its own.
export const notifyRunEvent = inngest.createFunction(
  {
    id: "notify-run-event",
    triggers: [
      {
        event: runStateChanged,
        if: "event.data.to == 'awaiting_approval' || event.data.to == 'pr_open' || event.data.to == 'needs_human' || event.data.to == 'failed' || event.data.to == 'merged'",
      },
      { event: validationCompleted, if: "event.data.status == 'failed'" },
    ],
    retries: 3,
  },
  async ({ event, step }) => {
    const at = new Date(event.ts ?? Date.now());
    const { data } = event;
    let request: Omit<Parameters<typeof enqueueRunNotifications>[0], "db" | "runId" | "projectId" | "at"> | null;
    if ("to" in data) {
      const type = notificationEventForState(data.to);
      request = type
        ? { type, sourceKey: `run-state:${data.runId}:${data.seq}`, state: data.to, previousState: data.from }
        : null;
    } else {
      request = {
        type: "validation.failed",
        sourceKey: `run-validation:${data.runId}:${data.attempt}`,
        validationAttempt: data.attempt,
      };
    }
    if (!request) return { deliveries: 0 };
    const deliveries = await step.run("enqueue", () =>
      enqueueRunNotifications({
        db: getDb(),
        runId: event.data.runId,
        projectId: event.data.projectId,
        at,
        ...request,
      }),
    );
    if (deliveries.length > 0) await step.sendEvent("deliver", deliveries.map(deliveryEvent));
    return { deliveries: deliveries.length };
  },
);
