import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { installationRepositories, installations, projects } from "@/db/schema";

export type PinnableRepository = {
  teamId: string;
  installationId: string;
  defaultBranch: string | null;
  accountLogin: string;
  fullName: string;
  private: boolean;
  /** The pinned project of this repository in the team, if any. */
  pinnedProjectId: string | null;
};

/**
 * Repositories the teams' GitHub App installations can reach (kept in sync by installation
 * webhooks), by name, marking those already pinned. Suspended and deleted installations
 * are left out.
 */
export async function getPinnableRepositories({
  db,
  teamIds,
  fullName,
  limit = 500,
}: {
  db: Database;
  teamIds: string[];
  /** Only this repository ("owner/name", any case). */
  fullName?: string;
  limit?: number;
}): Promise<PinnableRepository[]> {
  if (teamIds.length === 0) return [];
  return db
    .select({
      teamId: installations.teamId,
      installationId: installations.id,
      defaultBranch: installationRepositories.defaultBranch,
      accountLogin: installations.accountLogin,
      fullName: installationRepositories.fullName,
      private: installationRepositories.private,
      pinnedProjectId: projects.id,
    })
    .from(installationRepositories)
    .innerJoin(installations, eq(installations.id, installationRepositories.installationId))
    .leftJoin(
      projects,
      and(
        eq(projects.teamId, installations.teamId),
        eq(projects.provider, "github"),
        eq(projects.repository, installationRepositories.fullName),
        eq(projects.pinned, true),
      ),
    )
    .where(
      and(
        inArray(installations.teamId, teamIds),
        isNull(installations.suspendedAt),
        isNull(installations.deletedAt),
        fullName ? sql`lower(${installationRepositories.fullName}) = ${fullName.toLowerCase()}` : undefined,
      ),
    )
    .orderBy(asc(installationRepositories.fullName))
    .limit(limit);
}
