import { randomUUID } from "node:crypto";
import { sign } from "@octokit/webhooks-methods";
import { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import { examplePayload } from "@/testing/webhooks/example-payload";
import { startEventReceiver } from "@/testing/webhooks/start-event-receiver";
import { createDirectWebhookDependencies } from "./create-direct-webhook-dependencies";
import { receiveGithubWebhook } from "./handle-github-webhook";
import { sendSerializedEvents } from "./serialized-events";

// Deliveries on a serverless host (MERGELINE_WEBHOOK_DELIVERY=direct): each is handed to
// Inngest before it is answered, once per delivery id across every instance on the database;
// when Inngest does not take it, GitHub gets a 503 and its redelivery goes through. Real
// database, an Inngest-protocol event intake on loopback.

const secret = "direct-test-secret-0123456789";
let handle: DatabaseHandle;
let receiver: Awaited<ReturnType<typeof startEventReceiver>>;
let inngest: Inngest;

beforeAll(async () => {
  handle = await createTestDatabase();
  receiver = await startEventReceiver();
  inngest = new Inngest({ id: "direct-test", isDev: true, baseUrl: receiver.url });
});
afterAll(async () => {
  await receiver?.close();
  await handle?.close();
});

// Two instances (e.g. two serverless invocations) on the same database.
const instance = () =>
  createDirectWebhookDependencies({ handle, secret, sendEvents: (lines) => sendSerializedEvents(inngest, lines) });

async function deliver(dependencies: ReturnType<typeof instance>, id: string) {
  const body = JSON.stringify(examplePayload("issues", "labeled", { installation: { id: 11 } }));
  const headers: Record<string, string> = {
    "x-github-event": "issues",
    "x-github-delivery": id,
    "x-hub-signature-256": await sign(secret, body),
  };
  return receiveGithubWebhook(
    { header: (name) => headers[name], readBody: async () => Buffer.from(body) },
    dependencies,
  );
}
const statusOf = async (id: string) =>
  (await handle.db.select().from(webhookDeliveries)).find((row) => row.deliveryId === id)?.status;

describe("direct webhook delivery", () => {
  it("sends a delivery before answering it, once across instances", async () => {
    const id = randomUUID();
    const [first, second] = await Promise.all([deliver(instance(), id), deliver(instance(), id)]);
    // Either may win the race: one is forwarded, the other answered as a duplicate.
    const bodies: { forwarded?: boolean; duplicate?: boolean }[] = [first.body, second.body];
    expect(bodies.filter((body) => body.forwarded)).toHaveLength(1);
    expect(bodies.filter((body) => body.duplicate)).toHaveLength(1);
    expect(receiver.events.filter((event) => event.id === `github-${id}`)).toHaveLength(1);
    expect(await statusOf(id)).toBe("enqueued");
  });

  it("answers 503 and frees the id when Inngest does not take it, so GitHub's redelivery goes through", async () => {
    const id = randomUUID();
    receiver.setFailing(true);
    const refused = await deliver(instance(), id);
    expect(refused).toMatchObject({ status: 503, body: { error: { code: "unavailable:pipeline" } } });
    expect(await statusOf(id)).toBeUndefined();
    receiver.setFailing(false);
    expect(await deliver(instance(), id)).toMatchObject({ status: 202, body: { forwarded: true } });
    expect(receiver.events.filter((event) => event.id === `github-${id}`)).toHaveLength(1);
  });
});
