import { asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Team, teams } from "@/db/schema";

export async function getTeamBySlug({ db, slug }: { db: Database; slug: string }): Promise<Team | undefined> {
  const [team] = await db.select().from(teams).where(eq(teams.slug, slug)).limit(1);
  return team;
}

export async function getFirstTeam({ db }: { db: Database }): Promise<Team | undefined> {
  const [team] = await db.select().from(teams).orderBy(asc(teams.createdAt)).limit(1);
  return team;
}

export async function createTeam({
  db,
  name,
  slug,
  kind = "local",
}: {
  db: Database;
  name: string;
  slug: string;
  kind?: Team["kind"];
}): Promise<Team> {
  const [team] = await db.insert(teams).values({ name, slug, kind }).returning();
  return team!;
}

export async function getTeamById({ db, id }: { db: Database; id: string }): Promise<Team | undefined> {
  const [team] = await db.select().from(teams).where(eq(teams.id, id)).limit(1);
  return team;
}
