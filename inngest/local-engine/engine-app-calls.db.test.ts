import { Inngest } from "inngest";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineClient } from "@/testing/local-engine/engine-client";
import { startTestApp, syncApp, type TestApp } from "@/testing/local-engine/test-app";
import { createTestDatabase, type TestDatabase } from "@/testing/local-engine/test-store";
import { createEngine, type Engine } from "./create-engine";
import type { EngineStore } from "./store";

// The engine calls an app at most maxCallsPerApp times at once: a burst of events queues
// in the engine, not in the app's one process, and every run still completes.

let executing = 0;
let mostAtOnce = 0;

describe("local Inngest engine: calls per app", () => {
  let db: TestDatabase;
  let store: EngineStore;
  let engine: Engine;
  let app: TestApp;
  let inngest: Inngest;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = await db.openStore();
    engine = await createEngine({ port: 0, store, maxCallsPerApp: 2 });
    inngest = new Inngest({ id: "busy-app", isDev: true, baseUrl: engine.url, logger: pino({ level: "silent" }) });
    const busy = inngest.createFunction({ id: "busy", triggers: { event: "test/busy" } }, async ({ step }) =>
      step.run("work", async () => {
        executing++;
        mostAtOnce = Math.max(mostAtOnce, executing);
        await new Promise((resolve) => setTimeout(resolve, 150));
        executing--;
        return "done";
      }),
    );
    app = await startTestApp(inngest, [busy]);
    await syncApp(app.url);
  });

  afterAll(async () => {
    await app?.close();
    await engine?.stop();
    await store?.close();
    await db?.drop();
  });

  it("never has more than maxCallsPerApp calls in the app at once, and runs them all", async () => {
    const { ids } = await inngest.send(Array.from({ length: 8 }, () => ({ name: "test/busy" })));
    const api = engineClient(engine.url);
    const runs = await Promise.all(ids.map(async (id) => (await api.runsStarted(id))[0]?.run_id ?? ""));
    const ended = await Promise.all(runs.map((runId) => api.runEnded(runId, 30_000)));
    expect(ended.map((run) => run.status)).toEqual(Array(8).fill("Completed"));
    expect(mostAtOnce).toBe(2);
  });
});
