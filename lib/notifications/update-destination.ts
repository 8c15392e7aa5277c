import type { Database } from "@/db/client";
import { updateNotificationDestination } from "@/db/queries/notification-destinations";
import type { NotificationDestination } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/platform/errors";
import { sealDestinationSecret } from "@/lib/secrets/destination-secret-cipher";
import { assertTeamProjects } from "./assert-team-projects";
import { checkTargetUrl } from "./check-target-url";
import type { UpdateDestinationInput } from "./destination-input";
import { type DestinationView, toDestinationView } from "./destination-view";
import { slackUrlHint } from "./slack-url-hint";

/**
 * Changes a destination and audits what changed (never a secret). Turning it on again
 * clears its failure record. Authorization (team admin) is the caller's.
 */
export async function updateDestination({
  db,
  actor,
  ip,
  destination,
  input,
  now = new Date(),
}: {
  db: Database;
  actor: Actor;
  ip: string | null;
  destination: NotificationDestination;
  input: UpdateDestinationInput;
  now?: Date;
}): Promise<DestinationView> {
  const values: Partial<NotificationDestination> = {};
  if (input.name !== undefined) values.name = input.name;
  if (input.events !== undefined) values.events = input.events;
  if (input.projectIds !== undefined) {
    await assertTeamProjects({ db, teamId: destination.teamId, projectIds: input.projectIds });
    values.projectIds = input.projectIds;
  }
  if (input.to !== undefined) {
    if (destination.kind !== "email") throw new AppError("bad_request:to", "Only an email destination has addresses");
    values.emailTo = input.to;
  }
  if (input.url !== undefined) {
    if (destination.kind === "email") throw new AppError("bad_request:url", "An email destination has no URL");
    const checked = (await checkTargetUrl({ url: input.url, field: "url" })).toString();
    if (destination.kind === "webhook") values.url = checked;
    else {
      values.url = slackUrlHint(checked);
      values.sealedSecret = sealDestinationSecret({ secret: checked, destinationId: destination.id });
    }
  }
  if (input.enabled === true && !destination.enabled)
    Object.assign(values, { enabled: true, disabledAt: null, disabledReason: null, failingSince: null });
  if (input.enabled === false && destination.enabled)
    Object.assign(values, { enabled: false, disabledAt: now, disabledReason: "Turned off by a person" });
  return db.transaction(async (tx) => {
    const row = await updateNotificationDestination({ db: tx, id: destination.id, values });
    if (!row) throw new AppError("not_found:notification_destination", "Notification destination not found");
    const { sealedSecret: _sealed, ...changed } = values;
    await recordAudit({
      db: tx,
      actor,
      ip,
      teamId: destination.teamId,
      action: "notification_destination.updated",
      targetType: "notification_destination",
      targetId: destination.id,
      data: { name: row.name, changed: Object.keys(values), ...changed },
      redact: input.url && destination.kind === "slack" ? [input.url] : [],
    });
    return toDestinationView(row);
  });
}
