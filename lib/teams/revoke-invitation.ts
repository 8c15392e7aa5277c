import type { Database } from "@/db/client";
import { markInvitationRevoked } from "@/db/queries/invitations";
import type { TeamInvitation } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/platform/errors";

/** Withdraws a pending invitation; its link stops working. Authorization is the caller's. */
export async function revokeInvitation({
  db,
  actor,
  ip,
  teamId,
  id,
}: {
  db: Database;
  actor: Actor;
  ip: string | null;
  teamId: string;
  id: string;
}): Promise<TeamInvitation> {
  return db.transaction(async (tx) => {
    const invitation = await markInvitationRevoked({ db: tx, id, teamId });
    if (!invitation) throw new AppError("not_found:invitation", "No pending invitation with this id in this team");
    await recordAudit({
      db: tx,
      actor,
      ip,
      teamId,
      action: "member.invitation_revoked",
      targetType: "invitation",
      targetId: id,
      data: { email: invitation.email },
    });
    return invitation;
  });
}
