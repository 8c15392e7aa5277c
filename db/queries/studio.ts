import { and, asc, count, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  type StudioCommit,
  type StudioMessage,
  type StudioSession,
  type StudioSessionStatus,
  studioCommits,
  studioMessages,
  studioSessions,
} from "@/db/schema";

type SessionValues = Partial<Omit<typeof studioSessions.$inferInsert, "id" | "projectId">>;
type NewSessionValues = SessionValues & { id?: string };

// Statuses whose session may have processes, a port and a workspace.
export const LIVE_STUDIO_STATUSES = ["starting", "running", "restarting"] as const satisfies StudioSessionStatus[];

export async function insertStudioSession({
  db,
  projectId,
  values,
}: {
  db: Database;
  projectId: string;
  values: NewSessionValues;
}): Promise<StudioSession> {
  const [row] = await db
    .insert(studioSessions)
    .values({ projectId, ...values })
    .returning();
  return row!;
}

export async function deleteStudioSession({ db, id }: { db: Database; id: string }): Promise<void> {
  await db.delete(studioSessions).where(eq(studioSessions.id, id));
}

export async function getStudioSession({ db, id }: { db: Database; id: string }): Promise<StudioSession | undefined> {
  const [row] = await db.select().from(studioSessions).where(eq(studioSessions.id, id)).limit(1);
  return row;
}

export async function updateStudioSession({
  db,
  id,
  values,
}: {
  db: Database;
  id: string;
  values: SessionValues;
}): Promise<StudioSession | undefined> {
  const [row] = await db.update(studioSessions).set(values).where(eq(studioSessions.id, id)).returning();
  return row;
}

/** Moves a live session to an ended status once (null when it had already ended). */
export async function endStudioSessionRow({
  db,
  id,
  status,
  reason,
}: {
  db: Database;
  id: string;
  status: Extract<StudioSessionStatus, "stopped" | "failed" | "finalized">;
  reason: string;
}): Promise<StudioSession | null> {
  const [row] = await db
    .update(studioSessions)
    .set({ status, statusReason: reason, endedAt: new Date(), port: null })
    .where(and(eq(studioSessions.id, id), inArray(studioSessions.status, [...LIVE_STUDIO_STATUSES])))
    .returning();
  return row ?? null;
}

/** Marks a person's request on the session (what the idle timeout counts from). */
export async function touchStudioSession({ db, id, at = new Date() }: { db: Database; id: string; at?: Date }) {
  await db.update(studioSessions).set({ lastActivityAt: at }).where(eq(studioSessions.id, id));
}

export async function countLiveStudioSessions({ db }: { db: Database }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(studioSessions)
    .where(inArray(studioSessions.status, [...LIVE_STUDIO_STATUSES]));
  return row?.n ?? 0;
}

export async function getLiveStudioSessions({ db }: { db: Database }): Promise<StudioSession[]> {
  return db
    .select()
    .from(studioSessions)
    .where(inArray(studioSessions.status, [...LIVE_STUDIO_STATUSES]))
    .orderBy(asc(studioSessions.createdAt));
}

/** Ports held by live sessions (any process), so a new dev server or preview never gets one of them. */
export async function getLiveStudioPorts({ db }: { db: Database }): Promise<number[]> {
  const rows = await db
    .select({ port: studioSessions.port })
    .from(studioSessions)
    .where(and(inArray(studioSessions.status, [...LIVE_STUDIO_STATUSES]), sql`${studioSessions.port} is not null`));
  return rows.map((row) => row.port!);
}

/** Of `ids`, the sessions whose workspaces may still be in use (live ones). */
export async function getLiveStudioSessionIds({ db, ids }: { db: Database; ids: string[] }): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: studioSessions.id })
    .from(studioSessions)
    .where(and(inArray(studioSessions.id, ids), inArray(studioSessions.status, [...LIVE_STUDIO_STATUSES])));
  return rows.map((row) => row.id);
}

export async function getStudioSessionsByProjectId({
  db,
  projectId,
  limit = 20,
}: {
  db: Database;
  projectId: string;
  limit?: number;
}): Promise<StudioSession[]> {
  return db
    .select()
    .from(studioSessions)
    .where(eq(studioSessions.projectId, projectId))
    .orderBy(desc(studioSessions.createdAt))
    .limit(limit);
}

/** Live sessions of several projects at once (the cards). */
export async function getLiveStudioSessionsByProjectIds({
  db,
  projectIds,
}: {
  db: Database;
  projectIds: string[];
}): Promise<StudioSession[]> {
  if (projectIds.length === 0) return [];
  return db
    .select()
    .from(studioSessions)
    .where(
      and(inArray(studioSessions.projectId, projectIds), inArray(studioSessions.status, [...LIVE_STUDIO_STATUSES])),
    )
    .orderBy(desc(studioSessions.createdAt));
}

export async function insertStudioCommit({
  db,
  values,
}: {
  db: Database;
  values: typeof studioCommits.$inferInsert;
}): Promise<StudioCommit> {
  const [row] = await db
    .insert(studioCommits)
    .values(values)
    .onConflictDoUpdate({
      target: [studioCommits.sessionId, studioCommits.sha],
      set: { description: values.description },
    })
    .returning();
  return row!;
}

export async function getStudioCommits({
  db,
  sessionId,
}: {
  db: Database;
  sessionId: string;
}): Promise<StudioCommit[]> {
  return db
    .select()
    .from(studioCommits)
    .where(eq(studioCommits.sessionId, sessionId))
    .orderBy(asc(studioCommits.createdAt), asc(studioCommits.id));
}

export async function insertStudioMessages({
  db,
  values,
}: {
  db: Database;
  values: (typeof studioMessages.$inferInsert)[];
}): Promise<StudioMessage[]> {
  if (values.length === 0) return [];
  return db.insert(studioMessages).values(values).returning();
}

export async function getStudioMessages({
  db,
  sessionId,
  after,
  limit = 500,
}: {
  db: Database;
  sessionId: string;
  after?: Date;
  limit?: number;
}): Promise<StudioMessage[]> {
  return db
    .select()
    .from(studioMessages)
    .where(and(eq(studioMessages.sessionId, sessionId), after ? gt(studioMessages.createdAt, after) : undefined))
    .orderBy(asc(studioMessages.createdAt), asc(studioMessages.id))
    .limit(limit);
}
