// PATCH /api/v1/members/{userId}: change a member's role (audited; not your own; the team keeps an admin); admin
// DELETE /api/v1/members/{userId}: remove a member (audited; the team keeps an admin; no team left signs them out); admin
import { listTeamMembers } from "@/db/queries/team-members";
import { notFound } from "@/lib/api/authorize";
import { defineRoute } from "@/lib/api/define-route";
import { resolveTeamId } from "@/lib/api/resolve-team-id";
import { changeRoleBody, memberParams, memberSchema, teamQuery, toMember } from "@/lib/api/schemas/member";
import { changeMemberRole, removeMember } from "@/lib/teams";

export const PATCH = defineRoute({
  method: "PATCH",
  path: "/members/{userId}",
  tag: "members",
  summary: "Change a member's role",
  description: "Nobody changes their own role, and the last admin cannot be demoted (409).",
  permission: "admin",
  params: memberParams,
  body: changeRoleBody,
  response: memberSchema,
  errors: ["conflict"],
  handler: async ({ db, actor, ip, params, body }) => {
    const teamId = resolveTeamId(actor, body.teamId, "admin");
    await changeMemberRole({ db, actor, ip, teamId, userId: params.userId, role: body.role });
    const member = (await listTeamMembers({ db, teamId })).find((entry) => entry.userId === params.userId);
    if (!member) throw notFound("member");
    return toMember(member);
  },
});

export const DELETE = defineRoute({
  method: "DELETE",
  path: "/members/{userId}",
  tag: "members",
  summary: "Remove a member from the team",
  description: "The last admin cannot be removed (409). Someone left in no team is signed out everywhere.",
  permission: "admin",
  params: memberParams,
  query: teamQuery,
  response: memberSchema.pick({ userId: true, role: true }),
  errors: ["conflict"],
  handler: async ({ db, actor, ip, params, query }) => {
    const teamId = resolveTeamId(actor, query.teamId, "admin");
    const removed = await removeMember({ db, actor, ip, teamId, userId: params.userId });
    return { userId: removed.userId, role: removed.role };
  },
});
