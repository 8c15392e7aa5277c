import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type TeamMember, type TeamRole, teamMembers } from "@/db/schema";

export async function getMembershipsByUserId({ db, userId }: { db: Database; userId: string }): Promise<{ teamId: string; role: TeamRole }[]> {
  return db.select({ teamId: teamMembers.teamId, role: teamMembers.role }).from(teamMembers).where(eq(teamMembers.userId, userId));
}

/** Adds a member, or changes the role of one already in the team. */
export async function upsertTeamMember({ db, teamId, userId, role }: { db: Database; teamId: string; userId: string; role: TeamRole }): Promise<TeamMember> {
  const [member] = await db
    .insert(teamMembers)
    .values({ teamId, userId, role })
    .onConflictDoUpdate({ target: [teamMembers.teamId, teamMembers.userId], set: { role } })
    .returning();
  return member!;
}
