import { Webhook } from "standardwebhooks";
import type { SendOutcome } from "./send-outcome";

/** The `webhook-id` of a delivery: the same on every attempt and resend of it. */
export const webhookMessageId = (deliveryId: string) => `msg_${deliveryId.replaceAll("-", "")}`;

/**
 * POSTs the payload signed as Standard Webhooks asks: `webhook-id`, `webhook-timestamp`
 * (this attempt's time, so receivers' replay window holds on retries) and
 * `webhook-signature` (v1, HMAC-SHA256 of "id.timestamp.body" with the whsec_ secret).
 * 2xx is success; anything else, or no answer, is a failure to retry.
 */
export async function sendWebhook({
  url,
  secret,
  deliveryId,
  body,
  fetch,
  now = new Date(),
}: {
  url: string;
  secret: string;
  deliveryId: string;
  body: string;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  now?: Date;
}): Promise<SendOutcome> {
  const id = webhookMessageId(deliveryId);
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Mergeline-Webhooks/1",
        "webhook-id": id,
        "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
        "webhook-signature": new Webhook(secret).sign(id, now, body),
      },
      body,
    });
    const latencyMs = Math.round(performance.now() - started);
    if (response.ok) return { ok: true, status: response.status, latencyMs, error: null };
    const text = (await response.text()).slice(0, 200);
    return {
      ok: false,
      status: response.status,
      latencyMs,
      error: `HTTP ${response.status}${text ? `: ${text}` : ""}`,
    };
  } catch (error) {
    return {
      ok: false,
      status: null,
      latencyMs: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
