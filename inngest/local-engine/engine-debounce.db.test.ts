import { Inngest } from "inngest";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineClient, type RunView, waitFor } from "@/testing/local-engine/engine-client";
import { startTestApp, syncApp, type TestApp } from "@/testing/local-engine/test-app";
import { createTestDatabase, type TestDatabase } from "@/testing/local-engine/test-store";
import { createEngine, type Engine } from "./create-engine";
import type { EngineStore } from "./store";

// Debounce against the real SDK: a burst of events of one group starts one run, a period
// after the last of them and with it; the timeout caps the wait; groups are apart.

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const started: Array<{ group: string; n: number; at: number }> = [];

describe("local Inngest engine: debounce", () => {
  let db: TestDatabase;
  let store: EngineStore;
  let engine: Engine;
  let app: TestApp;
  let inngest: Inngest;
  let api: ReturnType<typeof engineClient>;

  const send = async (name: string, data: Record<string, unknown>) => (await inngest.send({ name, data })).ids[0] ?? "";
  const runsOf = (group: string) => started.filter((run) => run.group === group);

  beforeAll(async () => {
    db = await createTestDatabase();
    store = await db.openStore();
    engine = await createEngine({ port: 0, store });
    inngest = new Inngest({ id: "debounce-test", isDev: true, baseUrl: engine.url, logger: pino({ level: "silent" }) });
    const record = async ({ event }: { event: { data: { group: string; n: number } } }) => {
      started.push({ group: event.data.group, n: event.data.n, at: Date.now() });
      return event.data.n;
    };
    const settled = inngest.createFunction(
      { id: "settled", triggers: { event: "test/settle" }, debounce: { key: "event.data.group", period: "1s" } },
      record,
    );
    const capped = inngest.createFunction(
      {
        id: "capped",
        triggers: { event: "test/capped" },
        debounce: { key: "event.data.group", period: "1s", timeout: "2s" },
      },
      record,
    );
    app = await startTestApp(inngest, [settled, capped]);
    await syncApp(app.url);
    api = engineClient(engine.url);
  });

  afterAll(async () => {
    await app?.close();
    await engine?.stop();
    await store?.close();
    await db?.drop();
  });

  it("starts one run per group for a burst, a period after its last event, with that event", async () => {
    let lastSent = 0;
    for (const n of [1, 2, 3]) {
      await send("test/settle", { group: "a", n });
      lastSent = Date.now();
      await pause(200);
    }
    const onlyEvent = await send("test/settle", { group: "b", n: 1 });
    await waitFor(() => (runsOf("a").length > 0 && runsOf("b").length > 0 ? true : undefined), "both groups' runs");
    await pause(1500);
    expect(runsOf("a").map((run) => run.n)).toEqual([3]);
    expect(runsOf("b").map((run) => run.n)).toEqual([1]);
    expect(runsOf("a")[0]!.at - lastSent).toBeGreaterThanOrEqual(900);
    // The run is of the event that started it, as Inngest reports it.
    const [run] = await api.runsStarted(onlyEvent);
    expect((await api.runEnded(run!.run_id)) satisfies RunView).toMatchObject({ status: "Completed", output: 1 });
  });

  it("starts the run once the timeout has passed since the burst's first event, though events keep coming", async () => {
    const first = Date.now();
    for (let n = 1; n <= 14; n++) {
      await send("test/capped", { group: "c", n });
      await pause(300);
    }
    await waitFor(() => (runsOf("c").length >= 2 ? true : undefined), "a second run");
    const [firstRun] = runsOf("c");
    expect(firstRun!.n).toBeLessThan(14);
    expect(firstRun!.at - first).toBeGreaterThanOrEqual(1900);
  });

  it("refuses a sync whose debounce is not a time string or key not CEL, naming the function", async () => {
    const fn = (debounce: Record<string, unknown>) => ({
      id: "bad-debounce",
      triggers: [{ event: "x/y" }],
      steps: { step: { id: "step", name: "step", runtime: { type: "http", url: "http://127.0.0.1:1/api/inngest" } } },
      debounce,
    });
    for (const debounce of [
      { period: "soon" },
      { period: "1s", timeout: "0s" },
      { period: "1s", key: "event.data.a ==" },
    ]) {
      const response = await fetch(`${engine.url}/fn/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ url: "http://127.0.0.1:1/api/inngest", appName: "bad-app", functions: [fn(debounce)] }),
      });
      expect([debounce, response.status]).toEqual([debounce, 400]);
      expect(((await response.json()) as { error: string }).error).toContain('function "bad-debounce"');
    }
  });
});
