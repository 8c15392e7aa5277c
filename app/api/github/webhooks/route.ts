import { defaultWebhookDependencies } from "@/lib/intake/github/webhooks/default-webhook-dependencies";
import { handleGithubWebhook } from "@/lib/intake/github/webhooks/handle-github-webhook";

export const dynamic = "force-dynamic";

// POST /api/github/webhooks: a GitHub App delivery. Verified (x-hub-signature-256 over the
// raw body), deduplicated by x-github-delivery, answered 202 and handed to Inngest. The
// app server (scripts/serve-app.ts) answers POSTs here itself with the same handler
// (lib/intake/github/webhooks/node-webhook-handler.ts); this route serves `next dev` and any
// host that runs Next.js without that server.
export async function POST(request: Request): Promise<Response> {
  return handleGithubWebhook(request, defaultWebhookDependencies());
}
