import { and, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  type PreviewShareLink,
  previewShareLinks,
  previews,
  projects,
  pullRequests,
  studioSessions,
} from "@/db/schema";

// What the preview proxy (lib/preview-proxy) asks: where a preview host's app listens, and
// whether a share link still opens it.

type TargetRow = { projectId: string; teamId: string; provider: string; repository: string; port: number | null };

export async function getStudioPreviewTarget({
  db,
  sessionId,
}: {
  db: Database;
  sessionId: string;
}): Promise<TargetRow | undefined> {
  const [row] = await db
    .select({
      projectId: projects.id,
      teamId: projects.teamId,
      provider: projects.provider,
      repository: projects.repository,
      port: studioSessions.port,
    })
    .from(studioSessions)
    .innerJoin(projects, eq(projects.id, studioSessions.projectId))
    .where(and(eq(studioSessions.id, sessionId), inArray(studioSessions.status, ["running", "restarting"])))
    .limit(1);
  return row;
}

/** Ready previews of PRs numbered `number` in pinned projects, newest first, with their project's name. */
export async function getPreviewTargetsOfPullRequest({
  db,
  number,
}: {
  db: Database;
  number: number;
}): Promise<(TargetRow & { projectName: string })[]> {
  return db
    .select({
      projectId: projects.id,
      teamId: projects.teamId,
      provider: projects.provider,
      repository: projects.repository,
      projectName: projects.name,
      port: previews.port,
    })
    .from(previews)
    .innerJoin(pullRequests, eq(pullRequests.id, previews.pullRequestId))
    .innerJoin(projects, eq(projects.id, pullRequests.projectId))
    .where(
      and(
        eq(pullRequests.number, number),
        eq(previews.status, "ready"),
        isNotNull(previews.port),
        eq(projects.pinned, true),
      ),
    )
    .orderBy(desc(previews.startedAt))
    .limit(20);
}

export async function insertPreviewShareLink({
  db,
  values,
}: {
  db: Database;
  values: typeof previewShareLinks.$inferInsert;
}): Promise<PreviewShareLink> {
  const [row] = await db.insert(previewShareLinks).values(values).returning();
  return row!;
}

export async function getPreviewShareLinkByHash({
  db,
  tokenHash,
}: {
  db: Database;
  tokenHash: string;
}): Promise<PreviewShareLink | undefined> {
  const [row] = await db.select().from(previewShareLinks).where(eq(previewShareLinks.tokenHash, tokenHash)).limit(1);
  return row;
}

/** A share link that still opens `label` (not revoked, not expired). */
export async function getOpenPreviewShareLink({
  db,
  id,
  label,
}: {
  db: Database;
  id: string;
  label: string;
}): Promise<PreviewShareLink | undefined> {
  const [row] = await db
    .select()
    .from(previewShareLinks)
    .where(
      and(
        eq(previewShareLinks.id, id),
        eq(previewShareLinks.hostLabel, label),
        isNull(previewShareLinks.revokedAt),
        sql`${previewShareLinks.expiresAt} > now()`,
      ),
    )
    .limit(1);
  return row;
}
