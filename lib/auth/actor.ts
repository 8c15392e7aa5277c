import type { ApiKeyScope, TeamRole } from "@/db/schema";

// Who is asking: a signed-in person (with their team roles) or an API key (one team,
// scoped). Every route, action and realtime room decides with `can`.

export type Actor =
  | { kind: "user"; userId: string; memberships: { teamId: string; role: TeamRole }[]; ip: string | null }
  | { kind: "api_key"; apiKeyId: string; teamId: string; scopes: ApiKeyScope[]; ip: string | null };

/** read: see; write: start, approve, cancel, merge runs; admin: settings, secrets, members, keys, merge policy. */
export type Permission = "read" | "write" | "admin";

const roleGrants: Record<TeamRole, Permission[]> = {
  admin: ["read", "write", "admin"],
  member: ["read", "write"],
  viewer: ["read"],
};

const scopeGrants: Record<ApiKeyScope, Permission[]> = {
  admin: ["read", "write", "admin"],
  "runs:write": ["read", "write"],
  read: ["read"],
};

/** Whether the actor may do `permission` in the team. */
export function can(actor: Actor, teamId: string, permission: Permission): boolean {
  if (actor.kind === "api_key") return actor.teamId === teamId && actor.scopes.some((scope) => scopeGrants[scope].includes(permission));
  const membership = actor.memberships.find((entry) => entry.teamId === teamId);
  return membership !== undefined && roleGrants[membership.role].includes(permission);
}

/** Teams the actor can see at all. */
export function visibleTeamIds(actor: Actor): string[] {
  return actor.kind === "api_key" ? [actor.teamId] : actor.memberships.map((entry) => entry.teamId);
}
