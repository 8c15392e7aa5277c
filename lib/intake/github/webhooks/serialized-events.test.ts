import { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GithubWebhookEvent } from "./handle-github-webhook";
import { sendSerializedEvents, serializeWebhookEvent } from "./serialized-events";
import { startEventReceiver } from "@/testing/webhooks/start-event-receiver";

const payload = {
  action: "labeled",
  issue: { number: 4, title: 'Ünïcode \u2028 and "quotes"' },
  installation: { id: 12 },
};
const event: GithubWebhookEvent = {
  name: "github/issues.labeled",
  id: "github-abc",
  data: { deliveryId: "abc", installationId: 12, payload },
};

describe("serializeWebhookEvent", () => {
  it("writes the event as one line of JSON, line breaks in its strings escaped", () => {
    const multiline = {
      ...event,
      data: { ...event.data, payload: { ...payload, comment: { body: "first line\r\nsecond line\n" } } },
    };
    const line = serializeWebhookEvent(multiline, 1234);
    expect(line.includes(0x0a)).toBe(false);
    expect(line.includes(0x0d)).toBe(false);
    expect(JSON.parse(line.toString())).toEqual({ ...multiline, ts: 1234 });
  });
});

describe("sendSerializedEvents", () => {
  let receiver: Awaited<ReturnType<typeof startEventReceiver>>;
  beforeAll(async () => {
    receiver = await startEventReceiver();
  });
  afterAll(() => receiver.close());

  it("posts a batch to the event API where the SDK client sends events", async () => {
    const client = new Inngest({ id: "serialized-test", isDev: true, baseUrl: receiver.url });
    const other = { ...event, id: "github-def", data: { ...event.data, deliveryId: "def" } };
    await sendSerializedEvents(client, [serializeWebhookEvent(event, 5), serializeWebhookEvent(other, 6)]);
    expect(receiver.events).toEqual([
      { ...event, ts: 5 },
      { ...other, ts: 6 },
    ]);
  });

  it("throws when Inngest refuses, or when no event key is set for Inngest Cloud", async () => {
    receiver.setFailing(true);
    try {
      const client = new Inngest({ id: "serialized-test", isDev: true, baseUrl: receiver.url });
      await expect(sendSerializedEvents(client, [serializeWebhookEvent(event)])).rejects.toThrow(/HTTP 500/);
    } finally {
      receiver.setFailing(false);
    }
    const cloud = new Inngest({ id: "serialized-test", isDev: false, baseUrl: receiver.url });
    await expect(sendSerializedEvents(cloud, [serializeWebhookEvent(event)])).rejects.toThrow(/INNGEST_EVENT_KEY/);
  });
});
