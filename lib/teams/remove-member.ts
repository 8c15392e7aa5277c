import type { Database } from "@/db/client";
import { deleteSessionsOfUser } from "@/db/queries/sessions";
import {
  countTeamAdmins,
  deleteTeamMember,
  getMembershipsByUserId,
  getTeamMember,
  lockTeamMemberships,
} from "@/db/queries/team-members";
import type { TeamMember } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/platform/errors";

/**
 * Removes a member from the team (an admin may also leave). The team always keeps an
 * admin. Someone left with no team at all is signed out everywhere: their sessions are
 * deleted in the same transaction. Authorization is the caller's.
 */
export async function removeMember({
  db,
  actor,
  ip,
  teamId,
  userId,
}: {
  db: Database;
  actor: Actor;
  ip: string | null;
  teamId: string;
  userId: string;
}): Promise<TeamMember> {
  return db.transaction(async (tx) => {
    await lockTeamMemberships({ db: tx, teamId });
    const member = await getTeamMember({ db: tx, teamId, userId });
    if (!member) throw new AppError("not_found:member", "No such member in this team");
    if (member.role === "admin" && (await countTeamAdmins({ db: tx, teamId })) <= 1) {
      throw new AppError("conflict:member", "This is the team's last admin; make someone else admin first");
    }
    await deleteTeamMember({ db: tx, teamId, userId });
    if ((await getMembershipsByUserId({ db: tx, userId })).length === 0) await deleteSessionsOfUser({ db: tx, userId });
    await recordAudit({
      db: tx,
      actor,
      ip,
      teamId,
      action: "member.removed",
      targetType: "user",
      targetId: userId,
      data: { role: member.role },
    });
    return member;
  });
}
