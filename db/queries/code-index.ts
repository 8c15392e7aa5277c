import { and, eq, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type CodeIndex, codeChunks, codeFiles, codeIndexes, codeSymbols, projects } from "@/db/schema";

// The code index's own rows (one per project and ref): state, progress and counts.

export async function getCodeIndex({
  db,
  projectId,
  ref,
}: {
  db: Database;
  projectId: string;
  ref: string;
}): Promise<CodeIndex | undefined> {
  const [row] = await db
    .select()
    .from(codeIndexes)
    .where(and(eq(codeIndexes.projectId, projectId), eq(codeIndexes.ref, ref)))
    .limit(1);
  return row;
}

export async function getCodeIndexById({ db, id }: { db: Database; id: string }): Promise<CodeIndex | undefined> {
  const [row] = await db.select().from(codeIndexes).where(eq(codeIndexes.id, id)).limit(1);
  return row;
}

/** The project's index of `ref`, made (pending, empty) when it has none. */
export async function ensureCodeIndex({
  db,
  projectId,
  ref,
}: {
  db: Database;
  projectId: string;
  ref: string;
}): Promise<{ index: CodeIndex; created: boolean }> {
  const [created] = await db.insert(codeIndexes).values({ projectId, ref }).onConflictDoNothing().returning();
  if (created) return { index: created, created: true };
  const index = await getCodeIndex({ db, projectId, ref });
  if (!index) throw new Error(`The code index of ${ref} vanished while it was being made`);
  return { index, created: false };
}

export async function updateCodeIndex({
  db,
  id,
  values,
}: {
  db: Database;
  id: string;
  values: Partial<Omit<CodeIndex, "id" | "projectId" | "ref" | "createdAt">>;
}): Promise<CodeIndex | undefined> {
  const [row] = await db.update(codeIndexes).set(values).where(eq(codeIndexes.id, id)).returning();
  return row;
}

/** Adds to the progress of the sync under way (files indexed). */
export async function addCodeIndexProgress({ db, id, files }: { db: Database; id: string; files: number }) {
  await db
    .update(codeIndexes)
    .set({ progressDone: sql`least(${codeIndexes.progressTotal}, ${codeIndexes.progressDone} + ${files})` })
    .where(eq(codeIndexes.id, id));
}

/** Files, symbols and chunks the index holds now. */
export async function countCodeIndexRows({
  db,
  indexId,
}: {
  db: Database;
  indexId: string;
}): Promise<{ fileCount: number; symbolCount: number; chunkCount: number }> {
  const [row] = await db
    .select({
      fileCount: sql<number>`(select count(*)::int from ${codeFiles} where ${codeFiles.indexId} = ${indexId})`,
      symbolCount: sql<number>`(select count(*)::int from ${codeSymbols} where ${codeSymbols.indexId} = ${indexId})`,
      chunkCount: sql<number>`(select count(*)::int from ${codeChunks} where ${codeChunks.indexId} = ${indexId})`,
    })
    .from(sql`(select 1) as one`);
  return row!;
}

export async function listCodeIndexesOfProject({
  db,
  projectId,
}: {
  db: Database;
  projectId: string;
}): Promise<CodeIndex[]> {
  return db.select().from(codeIndexes).where(eq(codeIndexes.projectId, projectId)).orderBy(codeIndexes.createdAt);
}

/** The default-branch indexes of pinned projects, with what the checks compare. */
export async function listPinnedDefaultIndexes({ db }: { db: Database }) {
  return db
    .select({
      projectId: projects.id,
      provider: projects.provider,
      repository: projects.repository,
      defaultBranch: projects.defaultBranch,
      commitSha: codeIndexes.commitSha,
      state: codeIndexes.state,
    })
    .from(projects)
    .leftJoin(codeIndexes, and(eq(codeIndexes.projectId, projects.id), eq(codeIndexes.ref, projects.defaultBranch)))
    .where(eq(projects.pinned, true));
}

/**
 * Indexes nothing needs: every index of an unpinned project, and indexes of other branches
 * than the default that nobody searched (or synced) since `before`.
 */
export async function deleteUnneededCodeIndexes({ db, before }: { db: Database; before: Date }): Promise<number> {
  const unpinned = db.select({ id: projects.id }).from(projects).where(eq(projects.pinned, false));
  const removed = await db
    .delete(codeIndexes)
    .where(
      or(
        inArray(codeIndexes.projectId, unpinned),
        and(
          sql`${codeIndexes.ref} <> (select ${projects.defaultBranch} from ${projects} where ${projects.id} = ${codeIndexes.projectId})`,
          // A Date in raw SQL reaches postgres.js unserialized: compared through the column.
          lt(sql`coalesce(${codeIndexes.searchedAt}, ${codeIndexes.updatedAt})`, before.toISOString()),
        ),
      ),
    )
    .returning({ id: codeIndexes.id });
  return removed.length;
}

/** Notes that the index was searched (branch indexes nobody searches are removed later). */
export async function touchCodeIndexSearched({ db, id, now }: { db: Database; id: string; now: Date }) {
  const staleBefore = new Date(now.getTime() - 60 * 60_000);
  await db
    .update(codeIndexes)
    .set({ searchedAt: now })
    .where(and(eq(codeIndexes.id, id), or(isNull(codeIndexes.searchedAt), lt(codeIndexes.searchedAt, staleBefore))));
}

/** The files of the index whose last indexing left an error, for the project page. */
export async function listCodeFileErrors({ db, indexId, limit }: { db: Database; indexId: string; limit: number }) {
  return db
    .select({ path: codeFiles.path, error: codeFiles.error })
    .from(codeFiles)
    .where(and(eq(codeFiles.indexId, indexId), isNotNull(codeFiles.error)))
    .orderBy(codeFiles.path)
    .limit(limit);
}
