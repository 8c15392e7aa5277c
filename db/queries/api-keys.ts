import { and, asc, eq, isNull, lt, ne, or } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type ApiKey, apiKeys } from "@/db/schema";

/** An API key as people and responses may see it: everything but the hash. */
export type ApiKeySummary = Omit<ApiKey, "keyHash">;

// Listed column by column so that a hash can never leak through a select of the summary.
const summaryColumns = {
  id: apiKeys.id,
  teamId: apiKeys.teamId,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  createdBy: apiKeys.createdBy,
  lastUsedAt: apiKeys.lastUsedAt,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
  createdAt: apiKeys.createdAt,
};

export async function insertApiKey({
  db,
  values,
}: {
  db: Database;
  values: Pick<ApiKey, "teamId" | "name" | "prefix" | "keyHash" | "scopes"> &
    Partial<Pick<ApiKey, "createdBy" | "expiresAt">>;
}): Promise<ApiKeySummary> {
  const [row] = await db.insert(apiKeys).values(values).returning(summaryColumns);
  return row!;
}

/** The whole row, hash included: only for authentication. */
export async function getApiKeyByHash({ db, keyHash }: { db: Database; keyHash: string }): Promise<ApiKey | undefined> {
  const [row] = await db.select().from(apiKeys).where(eq(apiKeys.keyHash, keyHash)).limit(1);
  return row;
}

/** Sets lastUsedAt unless it was set after `staleBefore`, so a busy key costs one write a minute. */
export async function touchApiKeyLastUsed({
  db,
  id,
  now,
  staleBefore,
}: {
  db: Database;
  id: string;
  now: Date;
  staleBefore: Date;
}): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore))));
}

export async function listApiKeysByTeam({ db, teamId }: { db: Database; teamId: string }): Promise<ApiKeySummary[]> {
  return db
    .select(summaryColumns)
    .from(apiKeys)
    .where(eq(apiKeys.teamId, teamId))
    .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
}

/** A key by id, whatever its team: callers authorize against its teamId before revealing it. */
export async function getApiKeyById({ db, id }: { db: Database; id: string }): Promise<ApiKeySummary | undefined> {
  const [row] = await db.select(summaryColumns).from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
  return row;
}

export async function getApiKeyInTeam({
  db,
  teamId,
  id,
}: {
  db: Database;
  teamId: string;
  id: string;
}): Promise<ApiKeySummary | undefined> {
  const [row] = await db
    .select(summaryColumns)
    .from(apiKeys)
    .where(and(eq(apiKeys.teamId, teamId), eq(apiKeys.id, id)))
    .limit(1);
  return row;
}

/** Marks the key revoked; a key revoked earlier keeps its first revocation time. */
export async function setApiKeyRevoked({
  db,
  teamId,
  id,
  now,
}: {
  db: Database;
  teamId: string;
  id: string;
  now: Date;
}): Promise<ApiKeySummary | undefined> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.teamId, teamId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning(summaryColumns);
  return row ?? getApiKeyInTeam({ db, teamId, id });
}

/** Revokes the team's live system-made keys (createdBy null) with this name except `keepHash`; returns how many. */
export async function revokeOtherApiKeysNamed({
  db,
  teamId,
  name,
  keepHash,
  now,
}: {
  db: Database;
  teamId: string;
  name: string;
  keepHash: string;
  now: Date;
}): Promise<number> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(
      and(
        eq(apiKeys.teamId, teamId),
        eq(apiKeys.name, name),
        isNull(apiKeys.createdBy),
        ne(apiKeys.keyHash, keepHash),
        isNull(apiKeys.revokedAt),
      ),
    )
    .returning({ id: apiKeys.id });
  return rows.length;
}
