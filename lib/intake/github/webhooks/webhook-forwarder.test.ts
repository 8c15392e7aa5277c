import { describe, expect, it } from "vitest";
import { createWebhookForwarder } from "./webhook-forwarder";

// The forwarder alone, with the Inngest request and the database write as plain functions
// (their real versions are exercised in webhook-outbox.db.test.ts and the route tests).

// A delivery whose serialized event is its number, padded to `bytes`.
const delivery = (n: number, bytes = 1) => ({
  line: Buffer.from(String(n).padEnd(bytes)),
  values: { deliveryId: String(n), event: "status", action: null, githubInstallationId: null, status: "received" },
});
const ids = (lines: Buffer[]) => lines.map((line) => line.toString().trim());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function harness(options: Partial<Parameters<typeof createWebhookForwarder>[0]> = {}) {
  const sent: string[][] = [];
  const recorded: string[][] = [];
  const settled: string[] = [];
  const forwarder = createWebhookForwarder({
    sendEvents: async (lines) => void sent.push(ids(lines)),
    recordForwarded: async (values) => void recorded.push(values.map((value) => value.deliveryId)),
    quietMs: 10,
    maxWaitMs: 60,
    ...options,
  });
  const push = (n: number, bytes = 1) => forwarder.push(delivery(n, bytes), () => settled.push(String(n)));
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
      sendEvents: async (lines) => {
        attempts.push(performance.now());
        if (refusals-- > 0) throw new Error(`engine down (${lines.length})`);
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
