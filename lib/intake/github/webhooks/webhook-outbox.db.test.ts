import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { webhookDeliveries } from "@/db/schema";
import { webhookDeliverySetup } from "@/testing/webhooks/webhook-delivery-setup";
import { createWebhookDependencies } from "./create-webhook-dependencies";

// The outbox across a process that dies: what it accepted (202) and did not hand to Inngest
// is sent by the next one from the journal, exactly once as far as Inngest is concerned,
// and its ids stay taken. Real database, real journal files, Inngest's event API (at the
// SDK client's URL) served by an Inngest-protocol event intake on loopback.

const setup = webhookDeliverySetup({ secret: "outbox-test-secret-0123456789", clientId: "outbox-test" });
const { deliver, statusOf } = setup;
let journalDir: string;

beforeEach(() => {
  journalDir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-outbox-"));
  setup.receiver.events.length = 0;
  setup.receiver.setFailing(false);
  return () => fs.rmSync(journalDir, { recursive: true, force: true });
});

const outbox = (options: Partial<Parameters<typeof createWebhookDependencies>[0]> = {}) =>
  createWebhookDependencies({
    handle: setup.handle,
    secret: setup.secret,
    journalDir,
    sendEvents: setup.sendEvents,
    forwarder: { retryMs: { first: 50, max: 100 } },
    ...options,
  });
const journalFiles = () => fs.readdirSync(journalDir).filter((name) => name.endsWith(".ndjson"));

describe("the webhook outbox", () => {
  it("sends on start what a process that died had accepted and not handed over", async () => {
    const [handed, stranded] = [randomUUID(), randomUUID()];
    // The first process's engine goes down for good after one delivery (and, unlike the
    // SDK's own retries, a request refused here cannot come through later).
    let engineUp = true;
    let refusals = 0;
    const first = outbox({
      sendEvents: (lines) =>
        engineUp ? setup.sendEvents(lines) : Promise.reject(new Error(`engine down (refusal ${++refusals})`)),
    });
    expect(await deliver(first, handed)).toMatchObject({ status: 202, body: { forwarded: true } });
    await first.drained();
    engineUp = false;
    expect(await deliver(first, stranded)).toMatchObject({ status: 202, body: { forwarded: true } });
    await expect.poll(() => refusals).toBeGreaterThan(0);
    await first.close();
    expect(setup.receiver.events.map((event) => event.id)).toEqual([`github-${handed}`]);
    expect(await statusOf(stranded)).not.toBe("enqueued");

    const second = outbox();
    await second.ready;
    await second.drained();
    // Only the stranded one goes again: the other was recorded as sent.
    expect(setup.receiver.events.map((event) => event.id)).toEqual([`github-${handed}`, `github-${stranded}`]);
    expect(setup.receiver.events[1]).toMatchObject({
      name: "github/issues.labeled",
      data: {
        deliveryId: stranded,
        installationId: 11,
        payload: { action: "labeled", label: { name: expect.any(String) } },
      },
    });
    expect(await statusOf(stranded)).toBe("enqueued");
    // Both ids stay taken, and the journal is empty again.
    for (const id of [handed, stranded])
      expect(await deliver(second, id)).toEqual({ status: 202, body: { deliveryId: id, duplicate: true } });
    await expect.poll(journalFiles).toHaveLength(1);
    await second.close();
    expect(journalFiles()).toEqual([]);
    expect(setup.receiver.events).toHaveLength(2);
  });

  // Claims as rows, as on Postgres (app servers share the table): on PGlite too here.
  it("with claims in the database, accepts again a delivery claimed long ago and never confirmed, not a recent one", async () => {
    const dependencies = outbox({ claims: "database" });
    const [stale, recent] = [randomUUID(), randomUUID()];
    // Another server claimed both and died before sending; no journal of it is here.
    await setup.handle.db.insert(webhookDeliveries).values([
      {
        deliveryId: stale,
        event: "issues",
        action: "labeled",
        status: "received",
        receivedAt: new Date(Date.now() - 5 * 60_000),
      },
      { deliveryId: recent, event: "issues", action: "labeled", status: "received" },
    ]);
    expect(await deliver(dependencies, stale)).toMatchObject({ status: 202, body: { forwarded: true } });
    // The recent one may still be on its way from that server: ignored.
    expect(await deliver(dependencies, recent)).toEqual({ status: 202, body: { deliveryId: recent, duplicate: true } });
    await dependencies.drained();
    expect(setup.receiver.events.map((event) => event.id)).toEqual([`github-${stale}`]);
    expect(await statusOf(stale)).toBe("enqueued");
    expect(await deliver(dependencies, stale)).toEqual({ status: 202, body: { deliveryId: stale, duplicate: true } });
    await dependencies.close();
  });

  it("answers 503 and keeps nothing once too many deliveries wait for a down engine", async () => {
    setup.receiver.setFailing(true);
    const dependencies = outbox({ maxBacklog: 1 });
    const [kept, refused] = [randomUUID(), randomUUID()];
    expect(await deliver(dependencies, kept)).toMatchObject({ status: 202 });
    expect(await deliver(dependencies, refused)).toMatchObject({
      status: 503,
      body: { error: { code: "unavailable:pipeline" } },
    });
    expect(await statusOf(refused)).toBeUndefined();
    setup.receiver.setFailing(false);
    await dependencies.drained();
    expect(setup.receiver.events.map((event) => event.id)).toEqual([`github-${kept}`]);
    // GitHub's "Redeliver" brings the refused one in.
    expect(await deliver(dependencies, refused)).toMatchObject({ status: 202, body: { forwarded: true } });
    await dependencies.drained();
    expect(setup.receiver.events.map((event) => event.id)).toEqual([`github-${kept}`, `github-${refused}`]);
    await dependencies.close();
  });
});
