import type { Database } from "@/db/client";
import { insertDeliveries } from "@/db/queries/notification-deliveries";
import { getSubscribedDestinations } from "@/db/queries/notification-destinations";
import { getProjectById } from "@/db/queries/projects";
import type { NotificationEventType, RunState } from "@/db/schema";
import { buildRunNotification } from "./build-run-notification";

/**
 * The deliveries of one run event: one per enabled destination of the project's team
 * subscribed to it, each with the payload as of now (the run in the state the event is
 * about). Idempotent per `sourceKey`; returns the deliveries still to send.
 */
export async function enqueueRunNotifications({
  db,
  runId,
  projectId,
  type,
  sourceKey,
  state,
  previousState = null,
  validationAttempt,
  at,
}: {
  db: Database;
  runId: string;
  projectId: string;
  type: NotificationEventType;
  sourceKey: string;
  /** The state the event announced (the run may have moved on since). */
  state?: RunState;
  previousState?: RunState | null;
  validationAttempt?: number;
  at: Date;
}): Promise<{ deliveryId: string; send: number }[]> {
  const project = await getProjectById({ db, id: projectId });
  if (!project) return [];
  const destinations = await getSubscribedDestinations({ db, teamId: project.teamId, projectId, event: type });
  if (destinations.length === 0) return [];
  const payload = await buildRunNotification({ db, runId, type, previousState, validationAttempt, at });
  if (!payload?.data.run) return [];
  if (state && payload.data.run.state !== state) {
    // Announced late: describe the state the event was about, not the one after it.
    payload.data.run = { ...payload.data.run, state, reason: null };
  }
  const deliveries = await insertDeliveries({
    db,
    rows: destinations.map((destination) => ({
      destinationId: destination.id,
      teamId: project.teamId,
      projectId,
      runId,
      eventType: type,
      sourceKey,
      payload,
    })),
  });
  return deliveries.map((delivery) => ({ deliveryId: delivery.id, send: delivery.sends }));
}
