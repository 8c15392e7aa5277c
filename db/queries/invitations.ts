import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type TeamInvitation, type TeamRole, teamInvitations } from "@/db/schema";

export async function insertInvitation({
  db,
  values,
}: {
  db: Database;
  values: {
    teamId: string;
    email: string;
    role: TeamRole;
    tokenHash: string;
    invitedBy: string | null;
    expiresAt: Date;
  };
}): Promise<TeamInvitation> {
  const [invitation] = await db.insert(teamInvitations).values(values).returning();
  return invitation!;
}

/** Invitations not yet accepted, revoked or expired, newest first. */
export async function listPendingInvitations({
  db,
  teamId,
  now = new Date(),
}: {
  db: Database;
  teamId: string;
  now?: Date;
}): Promise<TeamInvitation[]> {
  return db
    .select()
    .from(teamInvitations)
    .where(
      and(
        eq(teamInvitations.teamId, teamId),
        isNull(teamInvitations.acceptedAt),
        isNull(teamInvitations.revokedAt),
        gt(teamInvitations.expiresAt, now),
      ),
    )
    .orderBy(desc(teamInvitations.createdAt));
}

export async function getInvitationByTokenHash({
  db,
  tokenHash,
}: {
  db: Database;
  tokenHash: string;
}): Promise<TeamInvitation | undefined> {
  const [invitation] = await db.select().from(teamInvitations).where(eq(teamInvitations.tokenHash, tokenHash)).limit(1);
  return invitation;
}

/** Marks a pending invitation accepted; undefined when it was used, revoked or expired meanwhile. */
export async function markInvitationAccepted({
  db,
  id,
  userId,
  now = new Date(),
}: {
  db: Database;
  id: string;
  userId: string;
  now?: Date;
}): Promise<TeamInvitation | undefined> {
  const [invitation] = await db
    .update(teamInvitations)
    .set({ acceptedAt: now, acceptedBy: userId })
    .where(
      and(
        eq(teamInvitations.id, id),
        isNull(teamInvitations.acceptedAt),
        isNull(teamInvitations.revokedAt),
        gt(teamInvitations.expiresAt, now),
      ),
    )
    .returning();
  return invitation;
}

export async function markInvitationRevoked({
  db,
  id,
  teamId,
  now = new Date(),
}: {
  db: Database;
  id: string;
  teamId: string;
  now?: Date;
}): Promise<TeamInvitation | undefined> {
  const [invitation] = await db
    .update(teamInvitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(teamInvitations.id, id),
        eq(teamInvitations.teamId, teamId),
        isNull(teamInvitations.acceptedAt),
        isNull(teamInvitations.revokedAt),
      ),
    )
    .returning();
  return invitation;
}
