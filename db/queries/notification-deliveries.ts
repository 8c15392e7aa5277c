import { and, desc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { PageKey } from "@/db/queries/page-key";
import {
  type NotificationDelivery,
  type NotificationDeliveryAttempt,
  type NotificationDeliveryStatus,
  notificationDeliveries,
  notificationDeliveryAttempts,
} from "@/db/schema";

/**
 * Creates the deliveries of one event (once per destination and source: a replayed event
 * adds none) and returns every delivery of that source to those destinations that has not
 * finished, new or left over from an earlier try, for the caller to send.
 */
export async function insertDeliveries({
  db,
  rows,
}: {
  db: Database;
  rows: (typeof notificationDeliveries.$inferInsert)[];
}): Promise<NotificationDelivery[]> {
  if (rows.length === 0) return [];
  await db.insert(notificationDeliveries).values(rows).onConflictDoNothing();
  const sourceKeys = [...new Set(rows.map((row) => row.sourceKey))];
  return db
    .select()
    .from(notificationDeliveries)
    .where(
      and(
        inArray(
          notificationDeliveries.destinationId,
          rows.map((row) => row.destinationId),
        ),
        inArray(notificationDeliveries.sourceKey, sourceKeys),
        inArray(notificationDeliveries.status, ["pending", "retrying"]),
      ),
    );
}

export async function getDelivery({ db, id }: { db: Database; id: string }): Promise<NotificationDelivery | undefined> {
  const [row] = await db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, id));
  return row;
}

/** Counts an attempt before it is made (a step replayed after a crash counts again: it did send again). */
export async function claimDeliveryAttempt({
  db,
  id,
  at,
}: {
  db: Database;
  id: string;
  at: Date;
}): Promise<number | undefined> {
  const [row] = await db
    .update(notificationDeliveries)
    .set({ attempts: sql`${notificationDeliveries.attempts} + 1`, lastAttemptAt: at })
    .where(eq(notificationDeliveries.id, id))
    .returning({ attempts: notificationDeliveries.attempts });
  return row?.attempts;
}

/** The attempt's log line and the delivery's state after it, in one transaction. */
export async function recordDeliveryAttempt({
  db,
  id,
  attempt,
  status,
  nextAttemptAt,
}: {
  db: Database;
  id: string;
  attempt: Omit<NotificationDeliveryAttempt, "id" | "deliveryId">;
  status: NotificationDeliveryStatus;
  nextAttemptAt: Date | null;
}): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(notificationDeliveryAttempts)
      .values({ deliveryId: id, ...attempt })
      .onConflictDoNothing();
    await tx
      .update(notificationDeliveries)
      .set({
        status,
        responseStatus: attempt.responseStatus,
        latencyMs: attempt.latencyMs,
        error: attempt.error,
        nextAttemptAt,
        ...(attempt.succeeded ? { deliveredAt: attempt.at } : {}),
      })
      .where(eq(notificationDeliveries.id, id));
  });
}

/** Ends a delivery without another attempt (its destination was disabled or deleted meanwhile). */
export async function finishDelivery({ db, id, error }: { db: Database; id: string; error: string }): Promise<void> {
  await db
    .update(notificationDeliveries)
    .set({ status: "failed", error, nextAttemptAt: null })
    .where(and(eq(notificationDeliveries.id, id), inArray(notificationDeliveries.status, ["pending", "retrying"])));
}

/** Starts a finished delivery over (Resend); the new send number, or undefined while it is still going. */
export async function restartDelivery({ db, id }: { db: Database; id: string }): Promise<number | undefined> {
  const [row] = await db
    .update(notificationDeliveries)
    .set({ status: "pending", sends: sql`${notificationDeliveries.sends} + 1`, nextAttemptAt: null })
    .where(and(eq(notificationDeliveries.id, id), inArray(notificationDeliveries.status, ["succeeded", "failed"])))
    .returning({ sends: notificationDeliveries.sends });
  return row?.sends;
}

/** Undoes restartDelivery when the send could not be queued: the delivery is as it was. */
export async function undoRestartDelivery({
  db,
  id,
  status,
}: {
  db: Database;
  id: string;
  status: NotificationDeliveryStatus;
}): Promise<void> {
  await db
    .update(notificationDeliveries)
    .set({ status, sends: sql`${notificationDeliveries.sends} - 1` })
    .where(and(eq(notificationDeliveries.id, id), eq(notificationDeliveries.status, "pending")));
}

export async function deleteDelivery({ db, id }: { db: Database; id: string }): Promise<void> {
  await db.delete(notificationDeliveries).where(eq(notificationDeliveries.id, id));
}

export type DeliveryLogRow = Omit<NotificationDelivery, "payload"> & { pageCreatedAt: string };

/** A destination's deliveries, newest first, after a keyset position (payloads left out). */
export async function getDeliveriesPage({
  db,
  destinationId,
  after,
  limit,
}: {
  db: Database;
  destinationId: string;
  after?: PageKey;
  limit: number;
}): Promise<DeliveryLogRow[]> {
  const { payload: _payload, ...columns } = getTableColumns(notificationDeliveries);
  const conditions = [eq(notificationDeliveries.destinationId, destinationId)];
  if (after) {
    conditions.push(
      sql`(${notificationDeliveries.createdAt}, ${notificationDeliveries.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`,
    );
  }
  return db
    .select({ ...columns, pageCreatedAt: sql<string>`${notificationDeliveries.createdAt}::text` })
    .from(notificationDeliveries)
    .where(and(...conditions))
    .orderBy(desc(notificationDeliveries.createdAt), desc(notificationDeliveries.id))
    .limit(limit);
}

export async function getDeliveryAttempts({
  db,
  deliveryId,
}: {
  db: Database;
  deliveryId: string;
}): Promise<NotificationDeliveryAttempt[]> {
  return db
    .select()
    .from(notificationDeliveryAttempts)
    .where(eq(notificationDeliveryAttempts.deliveryId, deliveryId))
    .orderBy(notificationDeliveryAttempts.attempt);
}
