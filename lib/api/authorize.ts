import { type Actor, can, type Permission, reachesRepository, type Scope, visibleTeamIds } from "@/lib/auth/actor";
import { AppError } from "@/lib/platform/errors";

const nouns: Record<string, string> = {
  project: "Project",
  run: "Run",
  validation: "Validation",
  team: "Team",
  notification_destination: "Notification destination",
  notification_delivery: "Notification delivery",
  studio_session: "Studio session",
};

/** The 404 for a resource that does not exist, or that the caller may not know exists. */
export function notFound(subject: string): AppError {
  return new AppError(`not_found:${subject}`, `${nouns[subject] ?? subject} not found`);
}

/**
 * Checks `permission` on a resource of `teamId`. A team the actor cannot see answers 404,
 * exactly like a resource that does not exist, so ids of other teams reveal nothing; a
 * visible resource without the permission answers 403.
 */
export function authorize(actor: Actor, scope: Scope, permission: Permission, subject: string): void {
  const teamId = typeof scope === "string" ? scope : scope.teamId;
  if (!visibleTeamIds(actor).includes(teamId) || (typeof scope !== "string" && !reachesRepository(actor, scope)))
    throw notFound(subject);
  if (!can(actor, teamId, permission)) {
    const holder = actor.kind === "api_key" ? "This API key's scopes do not" : "Your role in this team does not";
    throw new AppError(`forbidden:${subject}`, `${holder} allow ${permission} access to this ${subject}`);
  }
}
