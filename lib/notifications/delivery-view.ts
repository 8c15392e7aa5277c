import type { NotificationDelivery } from "@/db/schema";
import { webhookMessageId } from "./send-webhook";

/** One line of a destination's delivery log. */
export type DeliveryView = {
  id: string;
  /** The `webhook-id` header of its requests. */
  webhookId: string;
  destinationId: string;
  eventType: string;
  projectId: string | null;
  runId: string | null;
  status: NotificationDelivery["status"];
  attempts: number;
  responseStatus: number | null;
  latencyMs: number | null;
  error: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
};

const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

export function toDeliveryView(row: Omit<NotificationDelivery, "payload">): DeliveryView {
  return {
    id: row.id,
    webhookId: webhookMessageId(row.id),
    destinationId: row.destinationId,
    eventType: row.eventType,
    projectId: row.projectId,
    runId: row.runId,
    status: row.status,
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    latencyMs: row.latencyMs,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    lastAttemptAt: isoOrNull(row.lastAttemptAt),
    nextAttemptAt: isoOrNull(row.nextAttemptAt),
    deliveredAt: isoOrNull(row.deliveredAt),
  };
}
