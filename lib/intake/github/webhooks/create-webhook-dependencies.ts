import type { DatabaseHandle } from "@/db/client";
import {
  forgetWebhookDelivery,
  recordWebhookDeliveries,
  webhookDeliveriesEnqueued,
  webhookDeliveryIds,
  type WebhookDeliveryValues,
} from "@/db/queries/webhook-deliveries";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import { createBatcher } from "./create-batcher";
import { deliveryValues } from "./delivery-values";
import { type DeliveryJournal, openDeliveryJournal } from "./delivery-journal";
import type { WebhookDependencies } from "./handle-github-webhook";
import { serializeWebhookEvent } from "./serialized-events";
import { createWebhookForwarder, type ForwarderOptions } from "./webhook-forwarder";

// Concurrent claims on Postgres share one insert; two flushes may run at once.
const CLAIM_CONCURRENCY = 2;
// A delivery claimed on Postgres but never confirmed as sent this long ago belongs to an
// app server that died and did not come back to replay its journal: a redelivery of it is
// accepted again.
const UNCONFIRMED_AFTER_MS = 60_000;
// Past this many deliveries waiting for Inngest (it has been down a while), new ones are
// refused with 503 rather than held: GitHub shows them as failed, to redeliver later.
const MAX_BACKLOG = 10_000;
// Ids per query when checking which replayed deliveries were sent already.
const REPLAY_QUERY_IDS = 5000;

export type WebhookOutbox = WebhookDependencies & {
  /** Resolves once the journal is open and what it held is queued again. */
  ready: Promise<void>;
  /** Resolves once every delivery accepted so far is sent and recorded. */
  drained: () => Promise<void>;
  /** Stops sending and closes the journal; what is unsent stays in it for the next start. */
  close: () => Promise<void>;
};

/**
 * The webhook handler's outbox (handle-github-webhook.ts): a delivery Mergeline acts on is
 * claimed by its id, written to the journal (delivery-journal.ts) and answered; the
 * forwarder (webhook-forwarder.ts) hands it to Inngest in a batch and records it as
 * enqueued. At start, what an earlier process journaled and did not settle is sent again.
 *
 * Claims: the embedded database has one owner (this process), so every recorded id is
 * loaded once and claims are answered from memory. On Postgres, several app servers may
 * share the table, so each claim inserts the delivery's row (batched).
 */
export function createWebhookDependencies({
  handle,
  secret,
  journalDir,
  sendEvents,
  forwarder: forwarderOptions,
  maxBacklog = MAX_BACKLOG,
  claims = handle.kind === "pglite" ? "memory" : "database",
}: {
  handle: Pick<DatabaseHandle, "db" | "kind">;
  /** Where claims are decided: by default in memory on the embedded database, by row on Postgres. */
  claims?: "memory" | "database";
  secret: string | undefined;
  journalDir: string;
  /** Sends serialized events (serialized-events.ts) to Inngest. */
  sendEvents: (lines: Buffer[]) => Promise<unknown>;
  forwarder?: ForwarderOptions;
  maxBacklog?: number;
}): WebhookOutbox {
  const { db } = handle;
  const forwarder = createWebhookForwarder({
    ...forwarderOptions,
    sendEvents,
    recordForwarded: (values) => webhookDeliveriesEnqueued({ db, values }),
  });
  let journal: DeliveryJournal | undefined;
  let claimed: Set<string> | undefined;

  const claimInDatabase = createBatcher<WebhookDeliveryValues, boolean>(
    async (batch) => {
      const first = new Map<string, number>();
      for (const [index, values] of batch.entries())
        if (!first.has(values.deliveryId)) first.set(values.deliveryId, index);
      const inserted = await recordWebhookDeliveries({
        db,
        values: [...first.values()].map((index) => batch[index]!),
        staleBefore: new Date(Date.now() - UNCONFIRMED_AFTER_MS),
      });
      return batch.map((values, index) => inserted.has(values.deliveryId) && first.get(values.deliveryId) === index);
    },
    { concurrency: CLAIM_CONCURRENCY },
  );

  const ready = (async () => {
    if (claims === "memory") claimed = new Set(await webhookDeliveryIds({ db }));
    journal = openDeliveryJournal(journalDir);
    const left = journal.unsettled;
    const done = new Set<string>();
    for (let start = 0; start < left.length; start += REPLAY_QUERY_IDS) {
      const deliveryIds = left.slice(start, start + REPLAY_QUERY_IDS).map(({ event }) => event.data.deliveryId);
      for (const id of await webhookDeliveryIds({ db, deliveryIds, status: "enqueued" })) done.add(id);
    }
    for (const { line, event, segment } of left) {
      if (done.has(event.data.deliveryId)) {
        journal.settle(segment);
        continue;
      }
      claimed?.add(event.data.deliveryId);
      forwarder.push({ line, values: deliveryValues(event) }, () => journal!.settle(segment));
    }
  })();
  ready.catch((error: unknown) =>
    logger.error(
      { err: error, journalDir },
      "could not open the webhook journal; GitHub deliveries Mergeline acts on are refused",
    ),
  );

  return {
    secret,
    ready,
    accept: async (event) => {
      await ready;
      if (forwarder.backlog() >= maxBacklog)
        throw new AppError(
          "unavailable:pipeline",
          "The pipeline engine has not taken deliveries for a while; redeliver the webhook later",
        );
      const values = deliveryValues(event);
      if (claimed) {
        if (claimed.has(values.deliveryId)) return false;
        claimed.add(values.deliveryId);
      } else if (!(await claimInDatabase(values))) return false;
      const line = serializeWebhookEvent(event);
      let segment;
      try {
        segment = await journal!.append(line);
      } catch (error) {
        // Not written, not answered 202: a redelivery must find the id free.
        if (claimed) claimed.delete(values.deliveryId);
        else await forgetWebhookDelivery({ db, deliveryId: values.deliveryId }).catch(() => undefined);
        throw error;
      }
      forwarder.push({ line, values }, () => journal!.settle(segment));
      return true;
    },
    drained: () => forwarder.drained(),
    close: async () => {
      await ready.catch(() => undefined);
      forwarder.stop();
      await journal?.close();
    },
  };
}
