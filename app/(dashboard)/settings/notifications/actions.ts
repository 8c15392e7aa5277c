"use server";
import { z } from "zod";
import { getDb } from "@/db";
import { getDelivery } from "@/db/queries/notification-deliveries";
import { getNotificationDestination } from "@/db/queries/notification-destinations";
import type { NotificationDestination } from "@/db/schema";
import { parseActionInput } from "@/lib/api/parse-action-input";
import { can } from "@/lib/auth/actor";
import { createDestination } from "@/lib/notifications/create-destination";
import { deleteDestination } from "@/lib/notifications/delete-destination";
import type { DeliveryView } from "@/lib/notifications/delivery-view";
import { createDestinationInput, updateDestinationInput } from "@/lib/notifications/destination-input";
import type { DestinationView } from "@/lib/notifications/destination-view";
import { resendDelivery } from "@/lib/notifications/resend-delivery";
import { rotateDestinationSecret } from "@/lib/notifications/rotate-destination-secret";
import { sendTestNotification } from "@/lib/notifications/send-test-notification";
import { updateDestination } from "@/lib/notifications/update-destination";
import { AppError } from "@/lib/platform/errors";
import { type ActionResult, runAction } from "@/lib/platform/run-action";
import { signedInActor } from "../../action-helpers";

// Thin wrappers over lib/notifications for the settings page: each checks the session and
// the admin role itself (a server action is a POST any page can send) and answers { ok } or
// { error }; the page refreshes itself after a change.

async function teamAdmin(teamId: string) {
  const actor = await signedInActor();
  if (!can(actor, teamId, "admin"))
    throw new AppError("forbidden:notification_destination", "Only team admins can manage notifications");
  return actor;
}

const destinationRef = z.object({ teamId: z.uuid(), id: z.uuid() });

/** The destination, when it belongs to the team the admin named. */
async function destinationOf(teamId: string, id: string): Promise<NotificationDestination> {
  const destination = await getNotificationDestination({ db: getDb(), id });
  if (destination?.teamId !== teamId)
    throw new AppError("not_found:notification_destination", "Notification destination not found");
  return destination;
}

export async function createDestinationAction(
  input: z.input<typeof createDestinationInput> & { teamId: string },
): Promise<ActionResult<{ destination: DestinationView; secret: string | null }>> {
  return runAction(async () => {
    const data = parseActionInput(createDestinationInput, input);
    const { teamId } = parseActionInput(z.object({ teamId: z.uuid() }), { teamId: data.teamId });
    const actor = await teamAdmin(teamId);
    return createDestination({ db: getDb(), actor, ip: actor.ip, teamId, input: data });
  });
}

const updateInput = destinationRef.extend({ changes: updateDestinationInput });

export async function updateDestinationAction(
  input: z.input<typeof updateInput>,
): Promise<ActionResult<{ destination: DestinationView }>> {
  return runAction(async () => {
    const data = parseActionInput(updateInput, input);
    const actor = await teamAdmin(data.teamId);
    const destination = await destinationOf(data.teamId, data.id);
    return {
      destination: await updateDestination({ db: getDb(), actor, ip: actor.ip, destination, input: data.changes }),
    };
  });
}

export async function deleteDestinationAction(input: z.input<typeof destinationRef>): Promise<ActionResult> {
  return runAction(async () => {
    const data = parseActionInput(destinationRef, input);
    const actor = await teamAdmin(data.teamId);
    await deleteDestination({
      db: getDb(),
      actor,
      ip: actor.ip,
      destination: await destinationOf(data.teamId, data.id),
    });
    return {};
  });
}

export async function testDestinationAction(
  input: z.input<typeof destinationRef>,
): Promise<ActionResult<{ delivery: DeliveryView }>> {
  return runAction(async () => {
    const data = parseActionInput(destinationRef, input);
    const actor = await teamAdmin(data.teamId);
    const destination = await destinationOf(data.teamId, data.id);
    return { delivery: await sendTestNotification({ db: getDb(), actor, ip: actor.ip, destination }) };
  });
}

export async function rotateDestinationSecretAction(
  input: z.input<typeof destinationRef>,
): Promise<ActionResult<{ secret: string }>> {
  return runAction(async () => {
    const data = parseActionInput(destinationRef, input);
    const actor = await teamAdmin(data.teamId);
    const destination = await destinationOf(data.teamId, data.id);
    const { secret } = await rotateDestinationSecret({ db: getDb(), actor, ip: actor.ip, destination });
    return { secret };
  });
}

export async function resendDeliveryAction(
  input: z.input<typeof destinationRef>,
): Promise<ActionResult<{ delivery: DeliveryView }>> {
  return runAction(async () => {
    const data = parseActionInput(destinationRef, input);
    const actor = await teamAdmin(data.teamId);
    const delivery = await getDelivery({ db: getDb(), id: data.id });
    if (delivery?.teamId !== data.teamId)
      throw new AppError("not_found:notification_delivery", "Notification delivery not found");
    return { delivery: await resendDelivery({ db: getDb(), actor, ip: actor.ip, delivery }) };
  });
}
