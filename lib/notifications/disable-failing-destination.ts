import type { Database } from "@/db/client";
import { disableFailingDestination as disableIfFailing } from "@/db/queries/notification-destinations";
import type { NotificationDestination } from "@/db/schema";
import { logger } from "@/lib/platform/logger";
import { FAILING_WINDOW_MS } from "./retry-schedule";
import { tellAdminsDestinationDisabled } from "./tell-admins-destination-disabled";

const REASON = "Every delivery failed for 24 hours";

/**
 * After a failed attempt: a destination that has failed for 24 hours is turned off and its
 * team's admins are told in the bell. "24 hours" is read two ways, either of which holds:
 * the destination's first failure since its last success was 24 hours ago, or a delivery
 * spent its whole retry schedule (24 hours) with no success to the destination meanwhile.
 * True when this call turned it off.
 */
export async function disableFailingDestination({
  db,
  destination,
  at,
  exhaustedSince,
}: {
  db: Database;
  destination: NotificationDestination;
  at: Date;
  /** When the delivery that just spent its last retry was first attempted. */
  exhaustedSince?: Date;
}): Promise<boolean> {
  if (!destination.enabled || !destination.failingSince) return false;
  const failedForADay = at.getTime() - destination.failingSince.getTime() >= FAILING_WINDOW_MS;
  const exhausted =
    exhaustedSince !== undefined && (!destination.lastSuccessAt || destination.lastSuccessAt < exhaustedSince);
  if (!failedForADay && !exhausted) return false;
  const disabled = await disableIfFailing({
    db,
    id: destination.id,
    at,
    reason: REASON,
    ...(exhausted ? {} : { failingBefore: new Date(at.getTime() - FAILING_WINDOW_MS) }),
  });
  if (!disabled) return false;
  logger.warn({ destinationId: destination.id, teamId: destination.teamId }, "notification destination disabled");
  await tellAdminsDestinationDisabled({ db, destination, at });
  return true;
}
