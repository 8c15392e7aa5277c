import type { Database } from "@/db/client";
import { insertInvitation } from "@/db/queries/invitations";
import { getTeamMember } from "@/db/queries/team-members";
import { getUserByEmail, normalizeEmail } from "@/db/queries/users";
import type { TeamInvitation, TeamRole } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { hashToken, newSecretToken } from "@/lib/auth/hash-token";
import { AppError } from "@/lib/platform/errors";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Invites an email address into the team with a role. Returns the invitation and its
 * token, which is shown once (as a link) and stored only as a hash. Audited in the same
 * transaction. Authorization (team admin) is the caller's.
 */
export async function inviteMember({
  db,
  actor,
  ip,
  teamId,
  email,
  role,
  now = new Date(),
}: {
  db: Database;
  actor: Actor;
  ip: string | null;
  teamId: string;
  email: string;
  role: TeamRole;
  now?: Date;
}): Promise<{ invitation: TeamInvitation; token: string }> {
  const address = normalizeEmail(email);
  return db.transaction(async (tx) => {
    const existing = await getUserByEmail({ db: tx, email: address });
    if (existing && (await getTeamMember({ db: tx, teamId, userId: existing.id }))) {
      throw new AppError("conflict:member", `${address} is already a member of this team`);
    }
    const token = newSecretToken();
    const invitation = await insertInvitation({
      db: tx,
      values: {
        teamId,
        email: address,
        role,
        tokenHash: hashToken(token),
        invitedBy: actor.kind === "user" ? actor.userId : null,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      },
    });
    await recordAudit({
      db: tx,
      actor,
      ip,
      teamId,
      action: "member.invited",
      targetType: "invitation",
      targetId: invitation.id,
      data: { email: address, role },
    });
    return { invitation, token };
  });
}
