import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type NewProject, type Project, projects, teams } from "@/db/schema";

export async function createProject({ db, values }: { db: Database; values: NewProject }): Promise<Project> {
  const [project] = await db.insert(projects).values(values).returning();
  return project!;
}

export async function getProjectById({ db, id }: { db: Database; id: string }): Promise<Project | undefined> {
  const [project] = await db.select().from(projects).where(eq(projects.id, id)).limit(1);
  return project;
}

export type DashboardProject = Pick<
  Project,
  "id" | "teamId" | "name" | "provider" | "repository" | "defaultBranch" | "createdAt"
> & {
  teamName: string;
  model: string | null;
};

/**
 * Pinned projects for the dashboard cards, oldest first so cards keep their place; only
 * those of `teamId` or of `teamIds` (the teams a person belongs to) when given.
 */
export async function getPinnedProjects({
  db,
  teamId,
  teamIds,
}: {
  db: Database;
  teamId?: string;
  teamIds?: string[];
}): Promise<DashboardProject[]> {
  if (teamIds && teamIds.length === 0) return [];
  const rows = await db
    .select({
      id: projects.id,
      teamId: projects.teamId,
      name: projects.name,
      provider: projects.provider,
      repository: projects.repository,
      defaultBranch: projects.defaultBranch,
      createdAt: projects.createdAt,
      settings: projects.settings,
      teamName: teams.name,
    })
    .from(projects)
    .innerJoin(teams, eq(teams.id, projects.teamId))
    .where(
      and(
        eq(projects.pinned, true),
        teamId ? eq(projects.teamId, teamId) : undefined,
        teamIds ? inArray(projects.teamId, teamIds) : undefined,
      ),
    )
    .orderBy(asc(projects.createdAt), asc(projects.name));
  return rows.map(({ settings, ...row }) => ({ ...row, model: settings.model }));
}

export async function getProjectByRepository({
  db,
  teamId,
  provider,
  repository,
}: {
  db: Database;
  teamId: string;
  provider: Project["provider"];
  repository: string;
}): Promise<Project | undefined> {
  const [project] = await db
    .select()
    .from(projects)
    .where(and(eq(projects.teamId, teamId), eq(projects.provider, provider), eq(projects.repository, repository)))
    .limit(1);
  return project;
}

export async function updateProject({
  db,
  id,
  values,
}: {
  db: Database;
  id: string;
  values: Partial<Pick<Project, "settings" | "pinned" | "name" | "defaultBranch" | "installationId">>;
}): Promise<Project | undefined> {
  const [project] = await db.update(projects).set(values).where(eq(projects.id, id)).returning();
  return project;
}
