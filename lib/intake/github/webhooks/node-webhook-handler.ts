import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { metrics } from "@/lib/platform/metrics/registry";
import {
  type IncomingDelivery,
  receiveGithubWebhook,
  type WebhookAnswer,
  type WebhookDependencies,
} from "./handle-github-webhook";
import { readLimitedNodeBody } from "@/lib/platform/http/read-limited-body";

/** The app server's path for GitHub deliveries, the same as the Next.js route's. */
export const WEBHOOK_PATH = "/api/github/webhooks";

/** Whether the app server answers this request with the webhook handler rather than Next.js. */
export function isWebhookDelivery(req: IncomingMessage): boolean {
  if (req.method !== "POST" || !req.url) return false;
  const query = req.url.indexOf("?");
  return (query === -1 ? req.url : req.url.slice(0, query)) === WEBHOOK_PATH;
}

/** A node:http request as receiveGithubWebhook reads it (a class: nothing is made per request but the object). */
class NodeDelivery implements IncomingDelivery {
  constructor(private readonly req: IncomingMessage) {}
  header(name: string) {
    const value = this.req.headers[name];
    return Array.isArray(value) ? value.join(", ") : value;
  }
  readBody(maxBytes: number) {
    return readLimitedNodeBody(this.req, maxBytes, "payload_too_large:webhook");
  }
}

const failed: WebhookAnswer = {
  status: 500,
  body: { error: { code: "internal:server", message: "Something went wrong" } },
};

/**
 * receiveGithubWebhook on node:http's own request and response: what the app server
 * (lib/intake/app-request-handler.ts) runs for POST /api/github/webhooks, ahead of Next.js.
 * GitHub sends deliveries in bursts, most of them events nothing acts on, and gives up on
 * one not answered within 10 seconds; so this path skips Next.js's routing, the web
 * Request and Response it would build, and the generic request log. It records the same
 * duration metric, and logs one line per delivery with its GitHub delivery id and event:
 * debug for one accepted or acknowledged (the forwarder logs at info each batch it hands
 * to Inngest, with the delivery ids), warn for one dropped because its payload lacks what
 * Mergeline reads, warn or error for a refusal or a failure.
 */
export function createNodeWebhookHandler(
  dependencies: () => WebhookDependencies,
  logger: Logger,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const started = performance.now();
    let answer: WebhookAnswer;
    try {
      answer = await receiveGithubWebhook(new NodeDelivery(req), dependencies());
    } catch (error) {
      logger.error({ err: error, deliveryId: req.headers["x-github-delivery"] }, "the GitHub webhook handler failed");
      answer = failed;
    }
    const body = JSON.stringify(answer.body);
    // A body left unread (refused before reading it) is not worth keeping the connection for.
    if (!req.complete) res.setHeader("connection", "close");
    res.writeHead(answer.status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);

    const seconds = (performance.now() - started) / 1000;
    metrics.httpRequestDuration.observe(
      { method: "POST", route: WEBHOOK_PATH, status: String(answer.status) },
      seconds,
    );
    const level = answer.status >= 500 ? "error" : answer.status >= 400 || answer.body.ignored ? "warn" : "debug";
    if (logger.isLevelEnabled(level)) {
      const {
        deliveryId = req.headers["x-github-delivery"],
        event = req.headers["x-github-event"],
        error,
        ignored,
      } = answer.body as { deliveryId?: unknown; event?: unknown; error?: unknown; ignored?: unknown };
      logger[level](
        {
          deliveryId,
          event,
          status: answer.status,
          responseTime: Math.round(seconds * 1000),
          ...(error ? { error } : {}),
          ...(ignored ? { ignored } : {}),
        },
        "GitHub webhook delivery",
      );
    }
  };
}
