import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { webhookDeliverySetup } from "@/testing/webhooks/webhook-delivery-setup";
import { createDirectWebhookDependencies } from "./create-direct-webhook-dependencies";

// Deliveries on a serverless host (MERGELINE_WEBHOOK_DELIVERY=direct): each is handed to
// Inngest before it is answered, once per delivery id across every instance on the database;
// when Inngest does not take it, GitHub gets a 503 and its redelivery goes through. Real
// database, an Inngest-protocol event intake on loopback.

const setup = webhookDeliverySetup({ secret: "direct-test-secret-0123456789", clientId: "direct-test" });
const { deliver, statusOf } = setup;

// Two instances (e.g. two serverless invocations) on the same database.
const instance = () =>
  createDirectWebhookDependencies({ handle: setup.handle, secret: setup.secret, sendEvents: setup.sendEvents });

describe("direct webhook delivery", () => {
  it("sends a delivery before answering it, once across instances", async () => {
    const id = randomUUID();
    const [first, second] = await Promise.all([deliver(instance(), id), deliver(instance(), id)]);
    // Either may win the race: one is forwarded, the other answered as a duplicate.
    const bodies: { forwarded?: boolean; duplicate?: boolean }[] = [first.body, second.body];
    expect(bodies.filter((body) => body.forwarded)).toHaveLength(1);
    expect(bodies.filter((body) => body.duplicate)).toHaveLength(1);
    expect(setup.receiver.events.filter((event) => event.id === `github-${id}`)).toHaveLength(1);
    expect(await statusOf(id)).toBe("enqueued");
  });

  it("answers 503 and frees the id when Inngest does not take it, so GitHub's redelivery goes through", async () => {
    const id = randomUUID();
    setup.receiver.setFailing(true);
    const refused = await deliver(instance(), id);
    expect(refused).toMatchObject({ status: 503, body: { error: { code: "unavailable:pipeline" } } });
    expect(await statusOf(id)).toBeUndefined();
    setup.receiver.setFailing(false);
    expect(await deliver(instance(), id)).toMatchObject({ status: 202, body: { forwarded: true } });
    expect(setup.receiver.events.filter((event) => event.id === `github-${id}`)).toHaveLength(1);
  });
});
