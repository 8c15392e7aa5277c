import { getDb } from "@/db";
import { inngest } from "@/inngest/client";
import { env } from "@/lib/env";
import { createWebhookDependencies } from "./create-webhook-dependencies";
import type { WebhookDependencies } from "./handle-github-webhook";

let dependencies: WebhookDependencies | undefined;

/**
 * This process's webhook dependencies (the database, GITHUB_WEBHOOK_SECRET, the Inngest
 * client), made on the first delivery so that importing a handler opens no database.
 */
export function defaultWebhookDependencies(): WebhookDependencies {
  return (dependencies ??= createWebhookDependencies({ db: getDb(), secret: env.GITHUB_WEBHOOK_SECRET, sendEvents: (events) => inngest.send(events) }));
}
