import { randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import { insertNotificationDestination } from "@/db/queries/notification-destinations";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";
import { sealDestinationSecret } from "@/lib/secrets/destination-secret-cipher";
import { assertTeamProjects } from "./assert-team-projects";
import { checkTargetUrl } from "./check-target-url";
import type { CreateDestinationInput } from "./destination-input";
import { type DestinationView, toDestinationView } from "./destination-view";
import { slackUrlHint } from "./slack-url-hint";
import { newWebhookSecret } from "./webhook-secret";

/**
 * Creates a destination of the team and audits it. A webhook gets a new signing secret,
 * returned here and never again (it is stored encrypted); a Slack URL is stored encrypted
 * and shown as a hint. Authorization (team admin) is the caller's.
 */
export async function createDestination({
  db,
  actor,
  ip,
  teamId,
  input,
}: {
  db: Database;
  actor: Actor;
  ip: string | null;
  teamId: string;
  input: CreateDestinationInput;
}): Promise<{ destination: DestinationView; secret: string | null }> {
  await assertTeamProjects({ db, teamId, projectIds: input.projectIds });
  const id = randomUUID();
  let url: string | null = null;
  let sealedSecret: string | null = null;
  let secret: string | null = null;
  if (input.kind === "email") {
    if (!env.MERGELINE_SMTP_URL)
      throw new AppError("bad_request:kind", "Email destinations need MERGELINE_SMTP_URL to be set on the server");
  } else {
    const checked = (await checkTargetUrl({ url: input.url, field: "url" })).toString();
    if (input.kind === "webhook") {
      url = checked;
      secret = newWebhookSecret();
      sealedSecret = sealDestinationSecret({ secret, destinationId: id });
    } else {
      url = slackUrlHint(checked);
      sealedSecret = sealDestinationSecret({ secret: checked, destinationId: id });
    }
  }
  const row = await db.transaction(async (tx) => {
    const created = await insertNotificationDestination({
      db: tx,
      values: {
        id,
        teamId,
        name: input.name,
        kind: input.kind,
        url,
        sealedSecret,
        emailTo: input.kind === "email" ? input.to : [],
        events: input.events,
        projectIds: input.projectIds,
        createdBy: actor.kind === "user" ? actor.userId : null,
      },
    });
    await recordAudit({
      db: tx,
      actor,
      ip,
      teamId,
      action: "notification_destination.created",
      targetType: "notification_destination",
      targetId: id,
      data: {
        name: created.name,
        kind: created.kind,
        url,
        to: created.emailTo,
        events: created.events,
        projectIds: created.projectIds,
      },
      redact: secret ? [secret] : [],
    });
    return created;
  });
  return { destination: toDestinationView(row), secret };
}
