import { randomUUID } from "node:crypto";
import { sign } from "@octokit/webhooks-methods";

export type WebhookDelivery = {
  id: string;
  event: string;
  action?: string;
  payload: Record<string, unknown>;
  status?: number;
  error?: string;
};

/** Delivers signed webhooks one at a time, in the order the events happened. */
export class WebhookSender {
  readonly deliveries: WebhookDelivery[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly target: { url: string; secret: string } | undefined) {}

  send(event: string, action: string | undefined, payload: Record<string, unknown>): Promise<void> {
    const delivery: WebhookDelivery = { id: randomUUID(), event, action, payload };
    this.deliveries.push(delivery);
    const target = this.target;
    if (!target) return this.chain;
    this.chain = this.chain.then(async () => {
      const body = JSON.stringify(payload);
      try {
        const response = await fetch(target.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "user-agent": "GitHub-Hookshot/emulator",
            "x-github-event": event,
            "x-github-delivery": delivery.id,
            "x-github-hook-id": "1",
            "x-github-hook-installation-target-type": "integration",
            "x-hub-signature-256": await sign(target.secret, body),
          },
          body,
        });
        delivery.status = response.status;
        await response.arrayBuffer();
      } catch (error) {
        delivery.error = error instanceof Error ? error.message : String(error);
      }
    });
    return this.chain;
  }

  idle(): Promise<void> {
    return this.chain;
  }
}
