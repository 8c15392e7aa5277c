import type { Database } from "@/db/client";
import { countTeamAdmins, getTeamMember, lockTeamMemberships, updateTeamMemberRole } from "@/db/queries/team-members";
import type { TeamMember, TeamRole } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/platform/errors";

/**
 * Changes a member's role. Nobody changes their own role (an admin cannot lock themselves
 * out by accident), and the team always keeps an admin. Authorization is the caller's.
 */
export async function changeMemberRole({
  db,
  actor,
  ip,
  teamId,
  userId,
  role,
}: {
  db: Database;
  actor: Actor;
  ip: string | null;
  teamId: string;
  userId: string;
  role: TeamRole;
}): Promise<TeamMember> {
  if (actor.kind === "user" && actor.userId === userId)
    throw new AppError("forbidden:member", "You cannot change your own role; ask another admin");
  return db.transaction(async (tx) => {
    await lockTeamMemberships({ db: tx, teamId });
    const member = await getTeamMember({ db: tx, teamId, userId });
    if (!member) throw new AppError("not_found:member", "No such member in this team");
    if (member.role === role) return member;
    if (member.role === "admin" && (await countTeamAdmins({ db: tx, teamId })) <= 1) {
      throw new AppError("conflict:member", "This is the team's last admin; make someone else admin first");
    }
    const updated = (await updateTeamMemberRole({ db: tx, teamId, userId, role }))!;
    await recordAudit({
      db: tx,
      actor,
      ip,
      teamId,
      action: "member.role_changed",
      targetType: "user",
      targetId: userId,
      data: { from: member.role, to: role },
    });
    return updated;
  });
}
