import type { ApiKeyScope, TeamRole } from "@/db/schema";

// Who is asking: a signed-in person (with their team roles) or an API key (one team,
// scoped). Every route, action and realtime room decides with `can`.

export type Actor =
  | {
      kind: "user";
      userId: string;
      memberships: { teamId: string; role: TeamRole }[];
      ip: string | null;
      /** For someone signed in with GitHub: the repositories GitHub says they can access (lower-case owner/name). */
      githubRepositories?: ReadonlySet<string>;
    }
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

/** A team, or a project of one (which a GitHub user must also reach on GitHub). */
export type Scope = string | { teamId: string; provider: string; repository: string };

/** Whether GitHub lets the person reach the project's repository (true for anything else). */
export function reachesRepository(actor: Actor, project: { provider: string; repository: string }): boolean {
  if (actor.kind !== "user" || !actor.githubRepositories || project.provider !== "github") return true;
  return actor.githubRepositories.has(project.repository.toLowerCase());
}

/** Whether the actor may do `permission` in the team, or on the project. */
export function can(actor: Actor, scope: Scope, permission: Permission): boolean {
  if (typeof scope !== "string" && !reachesRepository(actor, scope)) return false;
  const teamId = typeof scope === "string" ? scope : scope.teamId;
  if (actor.kind === "api_key")
    return actor.teamId === teamId && actor.scopes.some((scope) => scopeGrants[scope].includes(permission));
  const membership = actor.memberships.find((entry) => entry.teamId === teamId);
  return membership !== undefined && roleGrants[membership.role].includes(permission);
}

/** Teams the actor can see at all. */
export function visibleTeamIds(actor: Actor): string[] {
  return actor.kind === "api_key" ? [actor.teamId] : actor.memberships.map((entry) => entry.teamId);
}
