import { IncomingWebhook, IncomingWebhookHTTPError } from "@slack/webhook";
import { DELIVERY_TIMEOUT_MS } from "./guarded-fetch";
import type { NotificationPayload } from "./notification-payload";
import type { SendOutcome } from "./send-outcome";
import { slackMessage } from "./slack-message";

/** Posts the notification to a Slack incoming webhook (through the guarded fetch). */
export async function sendSlack({
  url,
  payload,
  fetch,
}: {
  url: string;
  payload: NotificationPayload;
  fetch: (url: string | URL, init?: RequestInit) => Promise<Response>;
}): Promise<SendOutcome> {
  const started = performance.now();
  // Retries are the delivery function's, durable and logged: none inside the client.
  const webhook = new IncomingWebhook(url, { fetch, timeout: DELIVERY_TIMEOUT_MS, retryConfig: { retries: 0 } });
  try {
    await webhook.send(slackMessage(payload));
    return { ok: true, status: 200, latencyMs: Math.round(performance.now() - started), error: null };
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started);
    if (error instanceof IncomingWebhookHTTPError) {
      return {
        ok: false,
        status: error.statusCode,
        latencyMs,
        error: `HTTP ${error.statusCode}${error.body ? `: ${error.body.slice(0, 200)}` : ""}`,
      };
    }
    const cause =
      error instanceof Error && "original" in error && error.original instanceof Error ? error.original : error;
    return { ok: false, status: null, latencyMs, error: cause instanceof Error ? cause.message : String(cause) };
  }
}
