import type { Database } from "@/db/client";
import { getInvitationByTokenHash } from "@/db/queries/invitations";
import { getTeamById } from "@/db/queries/teams";
import type { TeamInvitation } from "@/db/schema";
import { hashToken, isSecretTokenShape } from "@/lib/auth/hash-token";

export type InvitationPreview = {
  invitation: TeamInvitation;
  teamName: string;
  /** Why it can no longer be accepted, or null when it can. */
  closed: "accepted" | "revoked" | "expired" | null;
};

/** What an invitation link leads to, for the page that accepts it; null for an unknown link. */
export async function getInvitationPreview({
  db,
  token,
  now = new Date(),
}: {
  db: Database;
  token: string;
  now?: Date;
}): Promise<InvitationPreview | null> {
  if (!isSecretTokenShape(token)) return null;
  const invitation = await getInvitationByTokenHash({ db, tokenHash: hashToken(token) });
  if (!invitation) return null;
  const team = await getTeamById({ db, id: invitation.teamId });
  const closed = invitation.acceptedAt
    ? "accepted"
    : invitation.revokedAt
      ? "revoked"
      : invitation.expiresAt <= now
        ? "expired"
        : null;
  return { invitation, teamName: team?.name ?? "a team", closed };
}
