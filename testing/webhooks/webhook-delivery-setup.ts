import { sign } from "@octokit/webhooks-methods";
import { Inngest } from "inngest";
import { afterAll, beforeAll } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import { receiveGithubWebhook, type WebhookDependencies } from "@/lib/intake/github/webhooks/handle-github-webhook";
import { sendSerializedEvents } from "@/lib/intake/github/webhooks/serialized-events";
import { createTestDatabase } from "@/testing/database";
import { examplePayload } from "@/testing/webhooks/example-payload";
import { startEventReceiver } from "@/testing/webhooks/start-event-receiver";

/**
 * What the webhook intake's tests share (direct delivery, the outbox): a real test database,
 * an Inngest-protocol event intake on loopback and an Inngest client sending to it, opened
 * before the file's tests and closed after them. `deliver` signs a delivery like GitHub and
 * hands it to the handler with the given dependencies; `statusOf` reads its row back.
 */
export function webhookDeliverySetup({ secret, clientId }: { secret: string; clientId: string }) {
  let handle: DatabaseHandle | undefined;
  let receiver: Awaited<ReturnType<typeof startEventReceiver>> | undefined;
  let inngest: Inngest | undefined;
  beforeAll(async () => {
    handle = await createTestDatabase();
    receiver = await startEventReceiver();
    inngest = new Inngest({ id: clientId, isDev: true, baseUrl: receiver.url });
  });
  afterAll(async () => {
    await receiver?.close();
    await handle?.close();
  });
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("webhookDeliverySetup: used before its beforeAll ran");
    return value;
  };
  return {
    secret,
    get handle() {
      return opened(handle);
    },
    get receiver() {
      return opened(receiver);
    },
    /** Sends to the event intake through the Inngest SDK, as the app does. */
    sendEvents: (lines: Buffer[]) => sendSerializedEvents(opened(inngest), lines),
    async deliver(
      dependencies: WebhookDependencies,
      id: string,
      payload: Record<string, unknown> = examplePayload("issues", "labeled", { installation: { id: 11 } }),
    ) {
      const body = JSON.stringify(payload);
      const headers: Record<string, string> = {
        "x-github-event": "issues",
        "x-github-delivery": id,
        "x-hub-signature-256": await sign(secret, body),
      };
      return receiveGithubWebhook(
        { header: (name) => headers[name], readBody: async () => Buffer.from(body) },
        dependencies,
      );
    },
    statusOf: async (id: string) =>
      (await opened(handle).db.select().from(webhookDeliveries)).find((row) => row.deliveryId === id)?.status,
  };
}
