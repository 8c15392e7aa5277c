import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type ProjectSecret, projectSecrets } from "@/db/schema";

export type EncryptedColumns = Pick<ProjectSecret, "ciphertext" | "iv" | "authTag" | "keyId">;
export type ProjectSecretName = Pick<ProjectSecret, "name" | "createdAt" | "updatedAt">;

/** Inserts or replaces the value of `name` in the project. */
export async function upsertProjectSecret({
  db,
  projectId,
  name,
  encrypted,
}: {
  db: Database;
  projectId: string;
  name: string;
  encrypted: EncryptedColumns;
}): Promise<ProjectSecretName> {
  const [row] = await db
    .insert(projectSecrets)
    .values({ projectId, name, ...encrypted })
    .onConflictDoUpdate({
      target: [projectSecrets.projectId, projectSecrets.name],
      set: { ...encrypted, updatedAt: sql`now()` },
    })
    .returning({ name: projectSecrets.name, createdAt: projectSecrets.createdAt, updatedAt: projectSecrets.updatedAt });
  return row!;
}

export async function getProjectSecretNames({
  db,
  projectId,
}: {
  db: Database;
  projectId: string;
}): Promise<ProjectSecretName[]> {
  return db
    .select({ name: projectSecrets.name, createdAt: projectSecrets.createdAt, updatedAt: projectSecrets.updatedAt })
    .from(projectSecrets)
    .where(eq(projectSecrets.projectId, projectId))
    .orderBy(asc(projectSecrets.name));
}

export async function deleteProjectSecretByName({
  db,
  projectId,
  name,
}: {
  db: Database;
  projectId: string;
  name: string;
}): Promise<boolean> {
  const rows = await db
    .delete(projectSecrets)
    .where(and(eq(projectSecrets.projectId, projectId), eq(projectSecrets.name, name)))
    .returning({ id: projectSecrets.id });
  return rows.length > 0;
}

/** Encrypted rows of a project; `forUpdate` locks them for the caller's transaction. */
export async function getProjectSecretRows({
  db,
  projectId,
  exceptKeyId,
  forUpdate = false,
}: {
  db: Database;
  projectId: string;
  /** Leave out rows already encrypted under this key. */
  exceptKeyId?: string;
  forUpdate?: boolean;
}): Promise<ProjectSecret[]> {
  const query = db
    .select()
    .from(projectSecrets)
    .where(
      and(
        eq(projectSecrets.projectId, projectId),
        exceptKeyId === undefined ? undefined : ne(projectSecrets.keyId, exceptKeyId),
      ),
    )
    .orderBy(asc(projectSecrets.name));
  return forUpdate ? query.for("update") : query;
}

/** Per project: how many secrets are under `keyId` and how many under another key. */
export async function countProjectSecretsByKey({
  db,
  keyId,
}: {
  db: Database;
  keyId: string;
}): Promise<{ projectId: string; current: number; other: number }[]> {
  return db
    .select({
      projectId: projectSecrets.projectId,
      current: sql<number>`count(*) filter (where ${projectSecrets.keyId} = ${keyId})`.mapWith(Number),
      other: sql<number>`count(*) filter (where ${projectSecrets.keyId} <> ${keyId})`.mapWith(Number),
    })
    .from(projectSecrets)
    .groupBy(projectSecrets.projectId)
    .orderBy(asc(projectSecrets.projectId));
}

/** Replaces a row's ciphertext; updatedAt is kept because the value itself did not change. */
export async function replaceProjectSecretCiphertext({
  db,
  id,
  encrypted,
  updatedAt,
}: {
  db: Database;
  id: string;
  encrypted: EncryptedColumns;
  updatedAt: Date;
}): Promise<void> {
  await db
    .update(projectSecrets)
    .set({ ...encrypted, updatedAt })
    .where(eq(projectSecrets.id, id));
}
