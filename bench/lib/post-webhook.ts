import { randomUUID } from "node:crypto";
import { type Agent, request } from "node:http";

/** A GitHub webhook delivery: its event name, its JSON body and that body's signature. */
export type WebhookDelivery = { event: string; body: string; signature: string };

/** POSTs a delivery to the app's webhook route as GitHub does (a fresh delivery id each time): its status. */
export function postWebhook(agent: Agent, port: number, delivery: WebhookDelivery): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/api/github/webhooks",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(delivery.body),
          "x-github-event": delivery.event,
          "x-github-delivery": randomUUID(),
          "x-hub-signature-256": delivery.signature,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(delivery.body);
  });
}
