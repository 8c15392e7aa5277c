import { describe, expect, it } from "vitest";
import type { GithubWebhookEvent } from "./handle-github-webhook";
import { createWebhookForwarder } from "./webhook-forwarder";

// The forwarder alone, with the Inngest request and the database write as plain functions
// (their real versions are exercised in webhook-outbox.db.test.ts and the route tests).

const event = (n: number): GithubWebhookEvent => ({ name: "github/status", id: `github-${n}`, data: { deliveryId: String(n), payload: { state: "success" } } });
const ids = (events: GithubWebhookEvent[]) => events.map((item) => item.data.deliveryId);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function harness(options: Partial<Parameters<typeof createWebhookForwarder>[0]> = {}) {
  const sent: string[][] = [];
  const recorded: string[][] = [];
  const settled: string[] = [];
  const forwarder = createWebhookForwarder({
    sendEvents: async (events) => void sent.push(ids(events)),
    recordForwarded: async (events) => void recorded.push(ids(events)),
    quietMs: 10,
    maxWaitMs: 60,
    ...options,
  });
  const push = (n: number, bytes = 1) => forwarder.push(event(n), bytes, () => settled.push(String(n)));
  return { forwarder, push, sent, recorded, settled };
}

describe("createWebhookForwarder", () => {
  it("sends a burst in one request once it goes quiet, then records and settles it", async () => {
    const { forwarder, push, sent, recorded, settled } = harness();
    for (const n of [1, 2, 3]) push(n);
    expect(sent).toEqual([]);
    await forwarder.drained();
    expect(sent).toEqual([["1", "2", "3"]]);
    expect(recorded).toEqual(sent);
    expect(settled).toEqual(["1", "2", "3"]);
  });

  it("sends a steady stream at least every maxWaitMs, in batches of at most maxBatch events and maxBatchBytes", async () => {
    const { forwarder, push, sent } = harness({ maxBatch: 4, maxBatchBytes: 10 });
    for (let n = 1; n <= 12; n++) {
      push(n, n === 9 ? 50 : 1);
      await sleep(5);
    }
    await forwarder.drained();
    expect(sent.flat()).toEqual(Array.from({ length: 12 }, (_, index) => String(index + 1)));
    expect(Math.max(...sent.map((batch) => batch.length))).toBeLessThanOrEqual(4);
    // The 50-byte event goes alone: over the byte budget, yet sent.
    expect(sent).toContainEqual(["9"]);
    // Pushed 5 ms apart (never quiet for 10 ms), they still left in several batches.
    expect(sent.length).toBeGreaterThan(2);
  });

  it("keeps a refused batch, tries again with backoff and sends what came meanwhile", async () => {
    let refusals = 2;
    const attempts: number[] = [];
    const { forwarder, push, recorded, settled } = harness({
      retryMs: { first: 20, max: 40 },
      sendEvents: async (events) => {
        attempts.push(performance.now());
        if (refusals-- > 0) throw new Error(`engine down (${events.length})`);
      },
    });
    push(1);
    await sleep(15);
    push(2);
    await forwarder.drained();
    expect(attempts).toHaveLength(3);
    expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(35);
    expect(recorded.flat().sort()).toEqual(["1", "2"]);
    expect(settled.sort()).toEqual(["1", "2"]);
  });

  it("does not settle what it could not record (the journal keeps it for the next start)", async () => {
    const { forwarder, push, sent, settled } = harness({
      recordForwarded: async () => {
        throw new Error("database down");
      },
    });
    push(1);
    await forwarder.drained();
    expect(sent).toEqual([["1"]]);
    expect(settled).toEqual([]);
  });
});
