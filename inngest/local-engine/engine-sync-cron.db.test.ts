import { Inngest } from "inngest";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "./create-engine";
import { createManualClock, type ManualClock } from "./manual-clock";
import type { EngineStore } from "./store";
import { engineClient, waitFor } from "@/testing/local-engine/engine-client";
import { freePort, startTestApp, syncApp, type TestApp } from "@/testing/local-engine/test-app";
import { createTestDatabase, type TestDatabase } from "@/testing/local-engine/test-store";
import type { InngestEvent } from "./types";

// Syncing (the engine's own PUTs and the SDK's registrations) and cron triggers on an
// injected clock, so a schedule can be crossed without waiting for it.

const START = Date.parse("2030-01-01T00:00:30Z");
const cronRuns: Array<{ runId: string; event: InngestEvent }> = [];
const hits = new Map<string, number>();
const hit = (key: string): void => void hits.set(key, (hits.get(key) ?? 0) + 1);

type Health = { status: string; store: string; apps: Array<{ id: string; url: string; functions: string[] }> };

describe("local Inngest engine: sync and cron", () => {
  let db: TestDatabase;
  let store: EngineStore;
  let engine: Engine;
  let clock: ManualClock;
  const apps: TestApp[] = [];
  let api: ReturnType<typeof engineClient>;
  const health = async () => (await (await fetch(`${engine.url}/health`)).json()) as Health;
  const appFunctions = async (appId: string) => (await health()).apps.find((app) => app.id === appId)?.functions;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = await db.openStore();
    clock = createManualClock(START);
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await engine?.stop();
    await store?.close();
    await db?.drop();
  });

  it("syncs its configured app on start, retrying until the app is up", async () => {
    const appPort = await freePort();
    engine = await createEngine({
      port: 0,
      store,
      clock,
      appUrls: [`http://127.0.0.1:${appPort}/api/inngest`],
      syncIntervalMs: 100,
    });
    api = engineClient(engine.url);
    const inngest = new Inngest({
      id: "cron-app",
      isDev: true,
      baseUrl: engine.url,
      logger: pino({ level: "silent" }),
    });
    const everyMinute = inngest.createFunction(
      { id: "every-minute", triggers: { cron: "* * * * *" } },
      async ({ event, runId, step }) => {
        // The handler runs again on every call of its run: record each run once.
        if (!cronRuns.some((run) => run.runId === runId)) cronRuns.push({ runId, event: event as InngestEvent });
        await step.run("tick", () => hit("tick"));
        return event.ts;
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await appFunctions("cron-app")).toBeUndefined();

    apps.push(await startTestApp(inngest, [everyMinute], { port: appPort }));
    expect(await waitFor(() => appFunctions("cron-app"), "the engine to sync the app")).toEqual([
      "cron-app-every-minute",
    ]);
  });

  it("starts cron runs when the injected clock crosses the schedule, and not before", async () => {
    clock.advance(20_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(cronRuns).toHaveLength(0);

    clock.advance(10_000);
    await waitFor(() => cronRuns[0], "the first cron run");
    const first = await api.runEnded(cronRuns[0]?.runId ?? "");
    expect(first).toMatchObject({ status: "Completed", output: Date.parse("2030-01-01T00:01:00Z") });
    expect(cronRuns[0]?.event).toMatchObject({ name: "inngest/scheduled.timer", data: { cron: "* * * * *" } });

    clock.advance(60_000);
    await waitFor(() => cronRuns[1], "the second cron run");
    expect(await api.runEnded(cronRuns[1]?.runId ?? "")).toMatchObject({
      status: "Completed",
      output: Date.parse("2030-01-01T00:02:00Z"),
    });
    expect(hits.get("tick")).toBe(2);
  });

  it("replaces an app's function set when it syncs again", async () => {
    const inngest = new Inngest({
      id: "replace-app",
      isDev: true,
      baseUrl: engine.url,
      logger: pino({ level: "silent" }),
    });
    const kept = inngest.createFunction({ id: "kept", triggers: { event: "test/kept" } }, async () => "kept");
    const dropped = inngest.createFunction(
      { id: "dropped", triggers: { event: "test/dropped" } },
      async () => "dropped",
    );
    const before = await startTestApp(inngest, [kept, dropped]);
    apps.push(before);
    await syncApp(before.url);
    expect(await appFunctions("replace-app")).toEqual(["replace-app-kept", "replace-app-dropped"]);

    const after = await startTestApp(inngest, [kept]);
    apps.push(after);
    await syncApp(after.url);
    expect(await health()).toMatchObject({ status: "ok", store: store.kind });
    expect((await health()).apps.find((app) => app.id === "replace-app")).toEqual({
      id: "replace-app",
      url: after.url,
      functions: ["replace-app-kept"],
    });

    const { ids } = await inngest.send([{ name: "test/dropped" }, { name: "test/kept" }]);
    const [keptRun] = await api.runsStarted(ids[1] ?? "");
    expect(await api.runEnded(keptRun?.run_id ?? "")).toMatchObject({ status: "Completed", output: "kept" });
    expect(await api.runsOf(ids[0] ?? "")).toEqual([]);
  });

  it("rejects a sync whose expressions are not valid CEL, naming the function", async () => {
    const response = await fetch(`${engine.url}/fn/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        url: "http://127.0.0.1:1/api/inngest",
        appName: "broken-app",
        functions: [
          {
            id: "broken-app-fn",
            triggers: [{ event: "x/y", expression: "event.data.a ==" }],
            steps: {
              step: { id: "step", name: "step", runtime: { type: "http", url: "http://127.0.0.1:1/api/inngest" } },
            },
          },
        ],
      }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain('function "broken-app-fn"');
    expect(await appFunctions("broken-app")).toBeUndefined();
  });

  it("answers 404 for unknown runs and 400 for events without a name", async () => {
    expect((await fetch(`${engine.url}/v1/runs/nope`)).status).toBe(404);
    const response = await fetch(`${engine.url}/e/key`, { method: "POST", body: JSON.stringify({ data: {} }) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 400, error: expect.stringContaining("name") });
  });
});
