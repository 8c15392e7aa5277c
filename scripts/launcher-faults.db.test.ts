import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { killStorm, type StormProduct, type StormTarget, startStormProduct } from "@/testing/faults/kill-storm";

// Mergeline survives crashes: the real product as `npm start` runs it (scripts/start.ts,
// built when stale), 5 runs at a time on the scripted model (plans auto-confirmed, merged
// when green), while the embedded engine, the app, or both are killed with SIGKILL 10
// times, 1-4 s apart. The launcher restarts what dies; the engine holds runs while the app
// does not answer. Every run must merge with one ending, one pull request and a gap-free
// timeline. Runs on the embedded database only (the product's own), so CI runs it once.

describe.skipIf(Boolean(process.env.DATABASE_URL))("the product under SIGKILL", () => {
  let product: StormProduct;

  beforeAll(async () => {
    product = await startStormProduct();
  }, 600_000);
  afterAll(() => product?.close());

  it("authenticates the engine's event API and the app's Inngest endpoint", async () => {
    const forged = await fetch(`http://127.0.0.1:${product.ports.inngest}/e/forged-key`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "run/cancel.requested", data: { runId: "00000000-0000-4000-8000-000000000000" } }),
    });
    expect(forged.status).toBe(401);
    const body = JSON.stringify({ event: { name: "run/requested", data: {} }, steps: {}, ctx: { run_id: "x" } });
    const unsigned = await fetch(`${product.baseUrl}/api/inngest?fnId=mergeline-run-pipeline&stepId=step`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(unsigned.status).toBe(401);
    const badlySigned = await fetch(`${product.baseUrl}/api/inngest?fnId=mergeline-run-pipeline&stepId=step`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-inngest-signature": `t=${Math.floor(Date.now() / 1000)}&s=${"ab".repeat(32)}`,
      },
      body,
    });
    expect(badlySigned.status).toBe(401);
  });

  const storms: Array<[StormTarget, string]> = [
    ["inngest", "the engine is"],
    ["app", "the app is"],
    ["both", "the engine and the app are"],
  ];
  for (const [target, what] of storms) {
    it(`merges every run exactly once while ${what} killed 10 times`, async () => {
      const storm = await killStorm(product, { target });
      expect(storm.runs.map((run) => (run.ok ? "ok" : JSON.stringify(run)))).toEqual(Array(5).fill("ok"));
      // Reachable throughout: nothing says "down"; with only the engine killed, every check is
      // answered and says "degraded" while it is away.
      expect(Object.keys(storm.healthAnswers).filter((status) => status.startsWith("down"))).toEqual([]);
      if (target === "inngest") {
        expect(storm.unanswered).toBe(0);
        expect(storm.healthAnswers["degraded: inngest"]).toBeGreaterThan(0);
      }
      const health = await fetch(`${product.baseUrl}/api/health`);
      expect(health.status).toBe(200);
    }, 420_000);
  }
});
