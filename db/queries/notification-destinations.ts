import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  type NotificationDestination,
  type NotificationEventType,
  notificationDestinations,
  projects,
} from "@/db/schema";

export async function insertNotificationDestination({
  db,
  values,
}: {
  db: Database;
  values: typeof notificationDestinations.$inferInsert;
}): Promise<NotificationDestination> {
  const [row] = await db.insert(notificationDestinations).values(values).returning();
  return row!;
}

export async function getNotificationDestination({
  db,
  id,
}: {
  db: Database;
  id: string;
}): Promise<NotificationDestination | undefined> {
  const [row] = await db.select().from(notificationDestinations).where(eq(notificationDestinations.id, id));
  return row;
}

export async function listNotificationDestinations({
  db,
  teamId,
}: {
  db: Database;
  teamId: string;
}): Promise<NotificationDestination[]> {
  return db
    .select()
    .from(notificationDestinations)
    .where(eq(notificationDestinations.teamId, teamId))
    .orderBy(asc(notificationDestinations.createdAt), asc(notificationDestinations.id));
}

export async function updateNotificationDestination({
  db,
  id,
  values,
}: {
  db: Database;
  id: string;
  values: Partial<typeof notificationDestinations.$inferInsert>;
}): Promise<NotificationDestination | undefined> {
  const [row] = await db
    .update(notificationDestinations)
    .set(values)
    .where(eq(notificationDestinations.id, id))
    .returning();
  return row;
}

export async function deleteNotificationDestination({ db, id }: { db: Database; id: string }): Promise<boolean> {
  const rows = await db
    .delete(notificationDestinations)
    .where(eq(notificationDestinations.id, id))
    .returning({ id: notificationDestinations.id });
  return rows.length > 0;
}

/** The enabled destinations of a team subscribed to `event` for `projectId`. */
export async function getSubscribedDestinations({
  db,
  teamId,
  projectId,
  event,
}: {
  db: Database;
  teamId: string;
  projectId: string;
  event: NotificationEventType;
}): Promise<NotificationDestination[]> {
  return db
    .select()
    .from(notificationDestinations)
    .where(
      and(
        eq(notificationDestinations.teamId, teamId),
        eq(notificationDestinations.enabled, true),
        sql`${notificationDestinations.events} ? ${event}`,
        sql`(${notificationDestinations.projectIds} is null or ${notificationDestinations.projectIds} ? ${projectId})`,
      ),
    );
}

/** Which of `projectIds` belong to the team. */
export async function getTeamProjectIds({
  db,
  teamId,
  projectIds,
}: {
  db: Database;
  teamId: string;
  projectIds: string[];
}): Promise<Set<string>> {
  if (projectIds.length === 0) return new Set();
  const rows = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.teamId, teamId), inArray(projects.id, projectIds)));
  return new Set(rows.map((row) => row.id));
}

/** Records a successful attempt: the destination is healthy again. */
export async function markDestinationHealthy({ db, id, at }: { db: Database; id: string; at: Date }): Promise<void> {
  await db
    .update(notificationDestinations)
    .set({ failingSince: null, lastSuccessAt: at })
    .where(eq(notificationDestinations.id, id));
}

/** Records a failed attempt; returns the destination with when it started failing. */
export async function markDestinationFailing({
  db,
  id,
  at,
}: {
  db: Database;
  id: string;
  at: Date;
}): Promise<NotificationDestination | undefined> {
  const [row] = await db
    .update(notificationDestinations)
    .set({ failingSince: sql`coalesce(${notificationDestinations.failingSince}, ${at.toISOString()}::timestamptz)` })
    .where(eq(notificationDestinations.id, id))
    .returning();
  return row;
}

/**
 * Disables an enabled destination that has been failing since `failingBefore` or earlier;
 * true when this call disabled it (so the admins are told once).
 */
export async function disableFailingDestination({
  db,
  id,
  at,
  reason,
  failingBefore,
}: {
  db: Database;
  id: string;
  at: Date;
  reason: string;
  failingBefore?: Date;
}): Promise<boolean> {
  const rows = await db
    .update(notificationDestinations)
    .set({ enabled: false, disabledAt: at, disabledReason: reason })
    .where(
      and(
        eq(notificationDestinations.id, id),
        eq(notificationDestinations.enabled, true),
        failingBefore
          ? lte(notificationDestinations.failingSince, failingBefore)
          : sql`${notificationDestinations.failingSince} is not null`,
      ),
    )
    .returning({ id: notificationDestinations.id });
  return rows.length > 0;
}

/** Every destination with a sealed credential (for a key rotation). */
export async function listSealedDestinations({
  db,
}: {
  db: Database;
}): Promise<{ id: string; sealedSecret: string }[]> {
  const rows = await db
    .select({ id: notificationDestinations.id, sealedSecret: notificationDestinations.sealedSecret })
    .from(notificationDestinations)
    .where(sql`${notificationDestinations.sealedSecret} is not null`);
  return rows.flatMap((row) => (row.sealedSecret ? [{ id: row.id, sealedSecret: row.sealedSecret }] : []));
}
