import { getDb } from "@/db";
import { inngest } from "@/inngest/client";
import { env } from "@/lib/env";
import { handleGithubWebhook } from "@/lib/github/webhooks/handle-github-webhook";

export const dynamic = "force-dynamic";

// POST /api/github/webhooks: a GitHub App delivery. Verified (x-hub-signature-256 over the
// raw body), deduplicated by x-github-delivery, answered 202 and handed to Inngest.
export async function POST(request: Request): Promise<Response> {
  return handleGithubWebhook(request, { db: getDb(), secret: env.GITHUB_WEBHOOK_SECRET, send: (event) => inngest.send(event) });
}
