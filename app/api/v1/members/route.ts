// GET /api/v1/members: the members of the caller's team with their roles; read
import { z } from "zod";
import { listTeamMembers } from "@/db/queries/team-members";
import { defineRoute } from "@/lib/api/define-route";
import { resolveTeamId } from "@/lib/api/resolve-team-id";
import { memberSchema, teamQuery, toMember } from "@/lib/api/schemas/member";

export const GET = defineRoute({
  method: "GET",
  path: "/members",
  tag: "members",
  summary: "List the team's members",
  description: "Admins first, then by when they joined.",
  permission: "read",
  query: teamQuery,
  response: z.object({ data: z.array(memberSchema) }),
  handler: async ({ db, actor, query }) => {
    const teamId = resolveTeamId(actor, query.teamId, "read");
    return { data: (await listTeamMembers({ db, teamId })).map(toMember) };
  },
});
