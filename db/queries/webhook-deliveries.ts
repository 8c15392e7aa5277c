import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";

// GitHub webhook deliveries by id: the claims that make a redelivery do nothing, and the
// record of what was handed to Inngest (lib/intake/github/webhooks/create-webhook-dependencies.ts).

export type WebhookDeliveryValues = {
  deliveryId: string;
  event: string;
  action: string | null;
  githubInstallationId: number | null;
  status: string;
};

/**
 * Records deliveries (status "received"); returns the ids this caller should forward: the
 * new ones, and redeliveries of ids whose forwarding was never confirmed (the process died
 * between recording and sending) and that were recorded before `staleBefore`. Any other
 * id seen before is a redelivery to ignore.
 */
export async function recordWebhookDeliveries({
  db,
  values,
  staleBefore,
}: {
  db: Database;
  values: WebhookDeliveryValues[];
  staleBefore: Date;
}): Promise<Set<string>> {
  if (values.length === 0) return new Set();
  const inserted = await db
    .insert(webhookDeliveries)
    .values(values)
    .onConflictDoNothing()
    .returning({ deliveryId: webhookDeliveries.deliveryId });
  const ours = new Set(inserted.map((row) => row.deliveryId));
  const seen = values.map((value) => value.deliveryId).filter((id) => !ours.has(id));
  if (seen.length > 0) {
    const reclaimed = await db
      .update(webhookDeliveries)
      .set({ receivedAt: sql`now()` })
      .where(
        and(
          inArray(webhookDeliveries.deliveryId, seen),
          eq(webhookDeliveries.status, "received"),
          sql`${webhookDeliveries.receivedAt} < ${staleBefore.toISOString()}::timestamptz`,
        ),
      )
      .returning({ deliveryId: webhookDeliveries.deliveryId });
    for (const row of reclaimed) ours.add(row.deliveryId);
  }
  return ours;
}

/**
 * Deliveries handed to Inngest (recorded now if they were not claimed in the database).
 * One statement whatever the batch size: the rows go in as four arrays, which the embedded
 * database takes at a third of the cost of a hundred-row VALUES list.
 */
export async function webhookDeliveriesEnqueued({
  db,
  values,
}: {
  db: Database;
  values: WebhookDeliveryValues[];
}): Promise<void> {
  if (values.length === 0) return;
  const column = <K extends keyof WebhookDeliveryValues>(key: K) => sql.param(values.map((value) => value[key]));
  await db.execute(sql`
    insert into ${webhookDeliveries} (delivery_id, event, action, github_installation_id, status)
    select delivery_id, event, action, github_installation_id, 'enqueued'
    from unnest(${column("deliveryId")}::text[], ${column("event")}::text[], ${column("action")}::text[], ${column("githubInstallationId")}::bigint[])
      as delivery(delivery_id, event, action, github_installation_id)
    on conflict (delivery_id) do update set status = 'enqueued'`);
}

/** Recorded delivery ids: all of them, or those of `deliveryIds` (with `status`, only those in it). */
export async function webhookDeliveryIds({
  db,
  deliveryIds,
  status,
}: {
  db: Database;
  deliveryIds?: string[];
  status?: string;
}): Promise<string[]> {
  if (deliveryIds?.length === 0) return [];
  const rows = await db
    .select({ deliveryId: webhookDeliveries.deliveryId })
    .from(webhookDeliveries)
    .where(
      and(
        deliveryIds ? inArray(webhookDeliveries.deliveryId, deliveryIds) : undefined,
        status ? eq(webhookDeliveries.status, status) : undefined,
      ),
    );
  return rows.map((row) => row.deliveryId);
}

export async function forgetWebhookDelivery({ db, deliveryId }: { db: Database; deliveryId: string }): Promise<void> {
  await db.delete(webhookDeliveries).where(eq(webhookDeliveries.deliveryId, deliveryId));
}

/** Deliveries older than `before`: GitHub redelivers for a few days at most, so older ids guard nothing. */
export async function pruneWebhookDeliveries({ db, before }: { db: Database; before: Date }): Promise<number> {
  const removed = await db
    .delete(webhookDeliveries)
    .where(sql`${webhookDeliveries.receivedAt} < ${before.toISOString()}::timestamptz`)
    .returning({ id: webhookDeliveries.deliveryId });
  return removed.length;
}
