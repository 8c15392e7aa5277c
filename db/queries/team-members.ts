import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type TeamMember, type TeamRole, teamMembers, teams, users } from "@/db/schema";

export async function getMembershipsByUserId({
  db,
  userId,
}: {
  db: Database;
  userId: string;
}): Promise<{ teamId: string; role: TeamRole }[]> {
  return db
    .select({ teamId: teamMembers.teamId, role: teamMembers.role })
    .from(teamMembers)
    .where(eq(teamMembers.userId, userId));
}

/** Adds a member, or changes the role of one already in the team. */
export async function upsertTeamMember({
  db,
  teamId,
  userId,
  role,
}: {
  db: Database;
  teamId: string;
  userId: string;
  role: TeamRole;
}): Promise<TeamMember> {
  const [member] = await db
    .insert(teamMembers)
    .values({ teamId, userId, role })
    .onConflictDoUpdate({ target: [teamMembers.teamId, teamMembers.userId], set: { role } })
    .returning();
  return member!;
}

export type TeamMemberView = {
  userId: string;
  email: string | null;
  name: string | null;
  role: TeamRole;
  joinedAt: Date;
};

/** The team's members with their names, admins first, then by when they joined. */
export async function listTeamMembers({ db, teamId }: { db: Database; teamId: string }): Promise<TeamMemberView[]> {
  return db
    .select({
      userId: teamMembers.userId,
      email: users.email,
      name: users.name,
      role: teamMembers.role,
      joinedAt: teamMembers.createdAt,
    })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teamMembers.teamId, teamId))
    .orderBy(sql`${teamMembers.role} = 'admin' desc`, asc(teamMembers.createdAt), asc(teamMembers.userId));
}

export async function getTeamMember({
  db,
  teamId,
  userId,
}: {
  db: Database;
  teamId: string;
  userId: string;
}): Promise<TeamMember | undefined> {
  const [member] = await db
    .select()
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .limit(1);
  return member;
}

/**
 * Locks the team's row for the rest of the transaction, so that membership changes of one
 * team are serialized: two admins demoting each other cannot leave the team with none.
 */
export async function lockTeamMemberships({ db, teamId }: { db: Database; teamId: string }): Promise<void> {
  await db.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)).for("update");
}

export async function countTeamAdmins({ db, teamId }: { db: Database; teamId: string }): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.role, "admin")));
  return row?.count ?? 0;
}

export async function updateTeamMemberRole({
  db,
  teamId,
  userId,
  role,
}: {
  db: Database;
  teamId: string;
  userId: string;
  role: TeamRole;
}): Promise<TeamMember | undefined> {
  const [member] = await db
    .update(teamMembers)
    .set({ role })
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .returning();
  return member;
}

export async function deleteTeamMember({
  db,
  teamId,
  userId,
}: {
  db: Database;
  teamId: string;
  userId: string;
}): Promise<TeamMember | undefined> {
  const [member] = await db
    .delete(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .returning();
  return member;
}
