import type { Database } from "@/db/client";
import { getInvitationByTokenHash, markInvitationAccepted } from "@/db/queries/invitations";
import { getTeamMember, upsertTeamMember } from "@/db/queries/team-members";
import { getUserById, normalizeEmail } from "@/db/queries/users";
import type { TeamMember } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { hashToken, isSecretTokenShape } from "@/lib/auth/hash-token";
import { AppError } from "@/lib/platform/errors";

/**
 * The signed-in user accepts an invitation: it must be theirs (same email address), and
 * unused, unrevoked and unexpired. Someone who is a member already keeps their role.
 * Single use even under concurrency: the accepted mark is a conditional update.
 */
export async function acceptInvitation({
  db,
  token,
  userId,
  ip,
  now = new Date(),
}: {
  db: Database;
  token: string;
  userId: string;
  ip: string | null;
  now?: Date;
}): Promise<{ teamId: string; member: TeamMember }> {
  const invitation = isSecretTokenShape(token)
    ? await getInvitationByTokenHash({ db, tokenHash: hashToken(token) })
    : undefined;
  if (!invitation) throw new AppError("not_found:invitation", "This invitation link is not valid");
  const user = await getUserById({ db, id: userId });
  if (!user?.email || normalizeEmail(user.email) !== invitation.email) {
    throw new AppError("forbidden:invitation", `This invitation is for ${invitation.email}; sign in with that address`);
  }
  return db.transaction(async (tx) => {
    const accepted = await markInvitationAccepted({ db: tx, id: invitation.id, userId, now });
    if (!accepted)
      throw new AppError(
        "conflict:invitation",
        "This invitation has been used, revoked or has expired; ask for a new one",
      );
    const existing = await getTeamMember({ db: tx, teamId: invitation.teamId, userId });
    const member =
      existing ?? (await upsertTeamMember({ db: tx, teamId: invitation.teamId, userId, role: invitation.role }));
    await recordAudit({
      db: tx,
      actor: { kind: "user", userId, memberships: [], ip },
      ip,
      teamId: invitation.teamId,
      action: "member.joined",
      targetType: "user",
      targetId: userId,
      data: { invitationId: invitation.id, role: member.role },
    });
    return { teamId: invitation.teamId, member };
  });
}
