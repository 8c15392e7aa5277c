import type { IncomingMessage, ServerResponse } from "node:http";
import { defaultWebhookDependencies } from "@/lib/intake/github/webhooks/default-webhook-dependencies";
import { createNodeWebhookHandler, isWebhookDelivery } from "@/lib/intake/github/webhooks/node-webhook-handler";
import { instrumentHandler } from "@/lib/platform/http/instrument-handler";
import { logger } from "@/lib/platform/logger";

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * What the app server (scripts/serve-app.ts) does with each request: GitHub's webhook
 * deliveries are answered by the webhook handler, with a log line and metric of their own
 * (node-webhook-handler.ts); everything else by Next.js, with a request id, a log line and
 * a duration metric (instrumentHandler).
 */
export function createAppRequestHandler(nextHandler: Handler): Handler {
  const webhooks = createNodeWebhookHandler(defaultWebhookDependencies, logger);
  const pages = instrumentHandler(nextHandler, logger);
  return (req, res) => (isWebhookDelivery(req) ? webhooks(req, res) : pages(req, res));
}
