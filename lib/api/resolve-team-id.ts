import { authorize } from "@/lib/api/authorize";
import { type Actor, type Permission, visibleTeamIds } from "@/lib/auth/actor";
import { AppError } from "@/lib/platform/errors";

/**
 * The team a new resource goes to: the one named, or the actor's only team. A person in
 * several teams must say which. Checks `permission` there (404 / 403 as in authorize).
 */
export function resolveTeamId(actor: Actor, requested: string | undefined, permission: Permission): string {
  const teams = visibleTeamIds(actor);
  const teamId = requested ?? (teams.length === 1 ? teams[0] : undefined);
  if (!teamId) {
    throw new AppError(
      "bad_request:teamId",
      teams.length === 0 ? "You are not a member of any team" : "You belong to several teams; name one with teamId",
    );
  }
  authorize(actor, teamId, permission, "team");
  return teamId;
}
