// DELETE /api/v1/invitations/{id}: revoke a pending invitation (its link stops working; audited); admin
import { defineRoute } from "@/lib/api/define-route";
import { resolveTeamId } from "@/lib/api/resolve-team-id";
import { idParams } from "@/lib/api/schemas/common";
import { invitationSchema, teamQuery, toInvitation } from "@/lib/api/schemas/member";
import { revokeInvitation } from "@/lib/teams";

export const DELETE = defineRoute({
  method: "DELETE",
  path: "/invitations/{id}",
  tag: "members",
  summary: "Revoke a pending invitation",
  permission: "admin",
  params: idParams,
  query: teamQuery,
  response: invitationSchema,
  handler: async ({ db, actor, ip, params, query }) => {
    const teamId = resolveTeamId(actor, query.teamId, "admin");
    return toInvitation(await revokeInvitation({ db, actor, ip, teamId, id: params.id }));
  },
});
