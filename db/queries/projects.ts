import { and, asc, eq } from "drizzle-orm";
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

export type DashboardProject = Pick<Project, "id" | "name" | "provider" | "repository" | "defaultBranch" | "createdAt"> & {
  teamName: string;
  model: string | null;
};

/** Pinned projects for the dashboard cards, oldest first so cards keep their place. */
export async function getPinnedProjects({ db, teamId }: { db: Database; teamId?: string }): Promise<DashboardProject[]> {
  const rows = await db
    .select({
      id: projects.id,
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
    .where(teamId ? and(eq(projects.pinned, true), eq(projects.teamId, teamId)) : eq(projects.pinned, true))
    .orderBy(asc(projects.createdAt), asc(projects.name));
  return rows.map(({ settings, ...row }) => ({ ...row, model: settings.model }));
}
