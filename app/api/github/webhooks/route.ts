import { getDb } from "@/db";
import { inngest } from "@/inngest/client";
import { env } from "@/lib/env";
import { createWebhookDependencies } from "@/lib/github/webhooks/create-webhook-dependencies";
import { handleGithubWebhook, type WebhookDependencies } from "@/lib/github/webhooks/handle-github-webhook";

export const dynamic = "force-dynamic";

// Made on the first delivery, so that importing the route opens no database.
let dependencies: WebhookDependencies | undefined;

// POST /api/github/webhooks: a GitHub App delivery. Verified (x-hub-signature-256 over the
// raw body), deduplicated by x-github-delivery, answered 202 and handed to Inngest.
export async function POST(request: Request): Promise<Response> {
  dependencies ??= createWebhookDependencies({ db: getDb(), secret: env.GITHUB_WEBHOOK_SECRET, sendEvents: (events) => inngest.send(events) });
  return handleGithubWebhook(request, dependencies);
}
