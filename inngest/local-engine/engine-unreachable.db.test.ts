import { Inngest } from "inngest";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineClient, waitFor } from "@/testing/local-engine/engine-client";
import { freePort, startTestApp, syncApp, type TestApp } from "@/testing/local-engine/test-app";
import { createTestDatabase, type TestDatabase } from "@/testing/local-engine/test-store";
import { createEngine, type Engine } from "./create-engine";
import type { EngineStore } from "./store";

// An app that does not answer (stopped, restarting) is no failure of its functions: their
// calls are held, with no attempt counted, until the app answers again; only past the
// limit does each unanswered call count as a failed attempt.

const hits = new Map<string, number>();
const hit = (key: string): void => void hits.set(key, (hits.get(key) ?? 0) + 1);
const count = (key: string) => hits.get(key) ?? 0;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("local Inngest engine: an app that does not answer", () => {
  let db: TestDatabase;
  const stores: EngineStore[] = [];
  const engines: Engine[] = [];
  let app: TestApp | undefined;
  let releaseSlow: () => void = () => {};

  const serve = async (engine: Engine, port: number) => {
    const inngest = new Inngest({
      id: "held-app",
      isDev: true,
      baseUrl: engine.url,
      logger: pino({ level: "silent" }),
    });
    // One retry, 50 ms apart: were an unanswered call an attempt, the run would fail at once.
    const held = inngest.createFunction(
      { id: "held", retries: 1, triggers: { event: "test/held" } },
      async ({ step, attempt }) => {
        await step.run("before", () => hit("before"));
        await step.run("slow", async () => {
          hit("slow:start");
          if (count("slow:start") === 1) await new Promise<void>((resolve) => (releaseSlow = resolve));
        });
        return step.run("after", () => ({ attempt }));
      },
    );
    return startTestApp(inngest, [held], { port });
  };
  const startEngine = async (appUnreachableMs: number) => {
    const store = await db.openStore();
    stores.push(store);
    const engine = await createEngine({ port: 0, store, retryBaseMs: 50, retryMaxMs: 100, appUnreachableMs });
    engines.push(engine);
    return engine;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    releaseSlow();
    await app?.close();
    for (const engine of engines) await engine.stop();
    for (const store of stores) await store.close();
    await db?.drop();
  });

  it("holds a run whose app went away mid-step and resumes it, same attempt, once the app answers", async () => {
    const engine = await startEngine(60_000);
    const port = await freePort();
    app = await serve(engine, port);
    await syncApp(app.url);
    const api = engineClient(engine.url);
    const { ids } = await fetch(`${engine.url}/e/any`, {
      method: "POST",
      body: JSON.stringify({ name: "test/held" }),
    }).then((res) => res.json() as Promise<{ ids: string[] }>);
    const [run] = await api.runsStarted(ids[0] ?? "");
    await waitFor(() => (count("slow:start") === 1 ? true : undefined), "the slow step to start");

    // The app goes away with the step's call open: the engine sees the connection reset.
    await app.close();
    await pause(1500);
    expect((await api.run(run?.run_id ?? "")).status).toBe("Running");
    expect(count("slow:start")).toBe(1);

    app = await serve(engine, port);
    const ended = await api.runEnded(run?.run_id ?? "", 20_000);
    expect(ended).toMatchObject({ status: "Completed", output: { attempt: 0 } });
    expect([count("before"), count("slow:start")]).toEqual([1, 2]);
    releaseSlow();
    await app.close();
    app = undefined;
    // One engine per database (on Postgres an advisory lock says so): this one goes.
    await engines.pop()?.stop();
    await stores.pop()?.close();
  });

  it("counts unanswered calls as failed attempts once the app has not answered for longer than the limit", async () => {
    const engine = await startEngine(400);
    const port = await freePort();
    app = await serve(engine, port);
    await syncApp(app.url);
    await app.close();
    app = undefined;
    const started = Date.now();
    const { ids } = await fetch(`${engine.url}/e/any`, {
      method: "POST",
      body: JSON.stringify({ name: "test/held" }),
    }).then((res) => res.json() as Promise<{ ids: string[] }>);
    const api = engineClient(engine.url);
    const [run] = await api.runsStarted(ids[0] ?? "");
    const ended = await api.runEnded(run?.run_id ?? "", 20_000);
    expect(ended.status).toBe("Failed");
    expect(ended.error?.message).toMatch(/Could not call the app at http:\/\/127\.0\.0\.1:\d+\/api\/inngest/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });
});
