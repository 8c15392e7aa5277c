// GET /api/v1/invitations: the team's pending invitations (never their links); admin
// POST /api/v1/invitations: invite an email address with a role (audited); admin; 201 with the link, shown this once
import { z } from "zod";
import { listPendingInvitations } from "@/db/queries/invitations";
import { defineRoute } from "@/lib/api/define-route";
import { resolveTeamId } from "@/lib/api/resolve-team-id";
import {
  createdInvitationSchema,
  invitationSchema,
  inviteMemberBody,
  teamQuery,
  toInvitation,
} from "@/lib/api/schemas/member";
import { invitationUrl, inviteMember } from "@/lib/teams";

export const GET = defineRoute({
  method: "GET",
  path: "/invitations",
  tag: "members",
  summary: "List pending invitations",
  description: "Invitations not yet accepted, revoked or expired, newest first.",
  permission: "admin",
  query: teamQuery,
  response: z.object({ data: z.array(invitationSchema) }),
  handler: async ({ db, actor, query }) => {
    const teamId = resolveTeamId(actor, query.teamId, "admin");
    return { data: (await listPendingInvitations({ db, teamId })).map(toInvitation) };
  },
});

export const POST = defineRoute({
  method: "POST",
  path: "/invitations",
  tag: "members",
  summary: "Invite someone into the team",
  description:
    "The response's `url` accepts the invitation once, within 7 days, for a person signed in with that email address.",
  permission: "admin",
  status: 201,
  body: inviteMemberBody,
  response: createdInvitationSchema,
  errors: ["conflict"],
  handler: async ({ request, db, actor, ip, body }) => {
    const teamId = resolveTeamId(actor, body.teamId, "admin");
    const { invitation, token } = await inviteMember({ db, actor, ip, teamId, email: body.email, role: body.role });
    return { ...toInvitation(invitation), url: invitationUrl({ token, origin: new URL(request.url).origin }) };
  },
});
