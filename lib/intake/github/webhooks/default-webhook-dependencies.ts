import path from "node:path";
import { getDatabaseHandle } from "@/db";
import { inngest } from "@/lib/inngest/client";
import { env } from "@/lib/platform/env";
import { createDirectWebhookDependencies } from "./create-direct-webhook-dependencies";
import { createWebhookDependencies, type WebhookOutbox } from "./create-webhook-dependencies";
import { sendSerializedEvents } from "./serialized-events";

/** Where the webhook journal lives inside the data dir (delivery-journal.ts). */
const webhookJournalDir = (dataDir: string) => path.join(dataDir, "webhook-journal");

// One outbox per process, on globalThis: the custom server and the bundled route handler
// load separate copies of this module, and the journal and the claimed ids have one owner.
const key = Symbol.for("mergeline.webhookDependencies");
const holder = globalThis as typeof globalThis & { [key]?: WebhookOutbox };

/**
 * This process's webhook dependencies (the database, GITHUB_WEBHOOK_SECRET, the journal in
 * the data dir, the Inngest client), made on the first delivery so that importing a
 * handler opens no database.
 */
export function defaultWebhookDependencies(): WebhookOutbox {
  const sendEvents = (lines: Buffer[]) => sendSerializedEvents(inngest, lines);
  // Serverless hosts keep no process alive behind an answer: there each delivery is handed
  // to Inngest before it is answered (create-direct-webhook-dependencies.ts).
  return (holder[key] ??=
    env.MERGELINE_WEBHOOK_DELIVERY === "direct"
      ? createDirectWebhookDependencies({ handle: getDatabaseHandle(), secret: env.GITHUB_WEBHOOK_SECRET, sendEvents })
      : createWebhookDependencies({
          handle: getDatabaseHandle(),
          secret: env.GITHUB_WEBHOOK_SECRET,
          journalDir: webhookJournalDir(env.dataDir),
          sendEvents,
        }));
}

/**
 * On the way out: waits up to `timeoutMs` for what is queued to reach Inngest, then closes
 * the journal (what is still in it is sent by the next start).
 */
export async function closeDefaultWebhookDependencies({
  timeoutMs = 2000,
}: {
  timeoutMs?: number;
} = {}): Promise<void> {
  const dependencies = holder[key];
  if (!dependencies) return;
  holder[key] = undefined;
  await Promise.race([dependencies.drained(), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  await dependencies.close();
}
