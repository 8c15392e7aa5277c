import { Inngest, NonRetriableError } from "inngest";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "./create-engine";
import type { EngineStore } from "./store";
import { engineClient, waitFor } from "@/testing/local-engine/engine-client";
import { startTestApp, syncApp, type TestApp } from "@/testing/local-engine/test-app";
import { createTestDatabase, type TestDatabase } from "@/testing/local-engine/test-store";

// Events in and out of runs, with real SDK functions: waitForEvent, sendEvent, invoke,
// cancelOn, trigger expressions, idempotent event ids and concurrency keys.

const hits = new Map<string, number>();
const hit = (key: string): void => void hits.set(key, (hits.get(key) ?? 0) + 1);
const count = (key: string) => hits.get(key) ?? 0;
const cancelledRuns = new Set<string>();
type Interval = { repo: string; label: string; step: string; start: number; end: number };
const intervals: Interval[] = [];
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function defineFunctions(inngest: Inngest) {
  const waiter = inngest.createFunction({ id: "waiter", triggers: { event: "test/wait" } }, async ({ event, step }) => {
    await step.run("before-wait", () => hit(`waiter:before:${event.data.id}`));
    const approval = await step.waitForEvent("approval", { event: "test/approved", match: "data.id", timeout: "10s" });
    const second = await step.waitForEvent("big-enough", {
      event: "test/second",
      if: "async.data.n > 5 && async.data.id == event.data.id",
      timeout: "10s",
    });
    await step.run("after-wait", () => hit(`waiter:after:${event.data.id}`));
    return { approval: approval?.data, second: second?.data };
  });
  const timesOut = inngest.createFunction(
    { id: "times-out", triggers: { event: "test/times-out" } },
    async ({ step }) => {
      const never = await step.waitForEvent("never", { event: "test/never-sent", timeout: "1s" });
      return { never };
    },
  );

  const fanOut = inngest.createFunction({ id: "fan-out", triggers: { event: "test/fan-out" } }, async ({ step }) => {
    const sent = await step.sendEvent("send-two", [
      { name: "test/fanned", data: { i: 1 } },
      { name: "test/fanned", data: { i: 2 } },
    ]);
    return sent;
  });
  const fanned = inngest.createFunction({ id: "fanned", triggers: { event: "test/fanned" } }, async ({ event, step }) =>
    step.run("record", () => {
      hit(`fanned:${event.data.i}`);
      return event.data.i;
    }),
  );
  const filtered = inngest.createFunction(
    { id: "filtered", triggers: { event: "test/filtered", if: "event.data.amount > 100" } },
    async ({ event }) => event.data.amount,
  );

  const double = inngest.createFunction({ id: "double", triggers: { event: "test/double" } }, async ({ event, step }) =>
    step.run("double-it", () => {
      hit("double");
      return (event.data.n as number) * 2;
    }),
  );
  const childFails = inngest.createFunction(
    { id: "child-fails", triggers: { event: "test/child-fails" } },
    async () => {
      throw new NonRetriableError("child refused");
    },
  );
  const childSlow = inngest.createFunction(
    { id: "child-slow", triggers: { event: "test/child-slow" } },
    async ({ step }) => {
      await step.sleep("slowly", "5s");
      return "too late";
    },
  );
  const invoker = inngest.createFunction({ id: "invoker", triggers: { event: "test/invoke" } }, async ({ step }) => {
    const doubled = await step.invoke("call-double", { function: double, data: { n: 21 } });
    const failed = await step
      .invoke("call-failing", { function: childFails, data: {} })
      .catch((error: Error) => `caught: ${error.message}`);
    const late = await step
      .invoke("call-slow", { function: childSlow, data: {}, timeout: "1s" })
      .catch((error: Error) => `timeout: ${error.name}`);
    return { doubled, failed, late };
  });

  const cancellable = inngest.createFunction(
    {
      id: "cancellable",
      triggers: { event: "test/cancellable" },
      cancelOn: [{ event: "test/cancel", if: "async.data.id == event.data.id" }],
    },
    async ({ event, step }) => {
      await step.run("first", () => hit(`cancellable:first:${event.data.id}`));
      await step.sleep("long-nap", "30s");
      await step.run("second", () => hit(`cancellable:second:${event.data.id}`));
    },
  );
  const onCancelled = inngest.createFunction(
    { id: "on-cancelled", triggers: { event: "inngest/function.cancelled" } },
    async ({ event }) => {
      cancelledRuns.add(String(event.data.run_id));
    },
  );

  const serialised = inngest.createFunction(
    { id: "serialised", concurrency: [{ limit: 1, key: "event.data.repo" }], triggers: { event: "test/serialised" } },
    async ({ event, step }) => {
      for (const name of ["work", "more-work"]) {
        await step.run(name, async () => {
          const start = Date.now();
          await pause(250);
          intervals.push({ repo: event.data.repo, label: event.data.label, step: name, start, end: Date.now() });
        });
      }
    },
  );

  return [
    waiter,
    timesOut,
    fanOut,
    fanned,
    filtered,
    double,
    childFails,
    childSlow,
    invoker,
    cancellable,
    onCancelled,
    serialised,
  ];
}

describe("local Inngest engine: events", () => {
  let db: TestDatabase;
  let store: EngineStore;
  let engine: Engine;
  let app: TestApp;
  let inngest: Inngest;
  let api: ReturnType<typeof engineClient>;

  const send = async (name: string, data: Record<string, unknown> = {}) =>
    (await inngest.send({ name, data })).ids[0] ?? "";
  const startRun = async (name: string, data: Record<string, unknown> = {}) =>
    (await api.runsStarted(await send(name, data)))[0]?.run_id ?? "";
  const waitingFor = (eventName: string, n = 1) =>
    waitFor(
      async () => ((await store.waitsForEvent(eventName)).length >= n ? true : undefined),
      `a wait for ${eventName}`,
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    store = await db.openStore();
    engine = await createEngine({ port: 0, store, retryBaseMs: 100, retryMaxMs: 1000 });
    inngest = new Inngest({ id: "engine-test", isDev: true, baseUrl: engine.url, logger: pino({ level: "silent" }) });
    app = await startTestApp(inngest, defineFunctions(inngest));
    await syncApp(app.url);
    api = engineClient(engine.url);
  });

  afterAll(async () => {
    await app?.close();
    await engine?.stop();
    await store?.close();
    await db?.drop();
  });

  it("resumes waitForEvent only on a matching event (match and CEL if)", async () => {
    const runId = await startRun("test/wait", { id: "order-7" });
    await waitingFor("test/approved");
    await send("test/approved", { id: "order-8" });
    await send("test/approved", { id: "order-7", by: "ana" });
    await waitingFor("test/second");
    await send("test/second", { id: "order-7", n: 3 });
    await send("test/second", { id: "order-6", n: 9 });
    await send("test/second", { id: "order-7", n: 9 });
    const run = await api.runEnded(runId);
    expect(run).toMatchObject({
      status: "Completed",
      output: { approval: { id: "order-7", by: "ana" }, second: { id: "order-7", n: 9 } },
    });
    expect([count("waiter:before:order-7"), count("waiter:after:order-7")]).toEqual([1, 1]);
  });

  it("resolves waitForEvent with null when it times out", async () => {
    const run = await api.runEnded(await startRun("test/times-out"));
    expect(run).toMatchObject({ status: "Completed", output: { never: null } });
  });

  it("fans out: events sent by step.sendEvent start the functions they trigger", async () => {
    const run = await api.runEnded(await startRun("test/fan-out"));
    expect(run.status).toBe("Completed");
    const { ids } = run.output as { ids: string[] };
    expect(ids).toHaveLength(2);
    for (const id of ids) {
      const [fannedRun] = await api.runsStarted(id);
      expect(await api.runEnded(fannedRun?.run_id ?? "")).toMatchObject({
        status: "Completed",
        function_id: "engine-test-fanned",
      });
    }
    expect([count("fanned:1"), count("fanned:2")]).toEqual([1, 1]);
  });

  it("starts a run only when the trigger's CEL expression holds", async () => {
    const small = await send("test/filtered", { amount: 50 });
    const big = await send("test/filtered", { amount: 150 });
    const [run] = await api.runsStarted(big);
    expect(await api.runEnded(run?.run_id ?? "")).toMatchObject({ status: "Completed", output: 150 });
    expect(await api.runsOf(small)).toEqual([]);
  });

  it("processes an event id once: a user-given id within 24h, and an SDK retry with the same seed", async () => {
    const first = (await inngest.send({ id: "dedupe-1", name: "test/filtered", data: { amount: 500 } })).ids[0] ?? "";
    const second = (await inngest.send({ id: "dedupe-1", name: "test/filtered", data: { amount: 500 } })).ids[0] ?? "";
    expect(second).not.toBe(first);
    await api.runsStarted(first);

    const seed = `${Date.now()},${Buffer.alloc(10, 7).toString("base64")}`;
    const post = () =>
      fetch(`${engine.url}/e/any-key`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-inngest-event-id-seed": seed },
        body: JSON.stringify([{ name: "test/filtered", data: { amount: 700 } }]),
      }).then((response) => response.json() as Promise<{ ids: string[]; status: number }>);
    const a = await post();
    const b = await post();
    expect(a.status).toBe(200);
    expect(b.ids).toEqual(a.ids);
    await api.runsStarted(a.ids[0] ?? "");
    await pause(300);
    expect(await api.runsOf(second)).toEqual([]);
    expect(await api.runsOf(a.ids[0] ?? "")).toHaveLength(1);
  });

  it("invokes functions: returns their result, rethrows their error, honours the timeout", async () => {
    const run = await api.runEnded(await startRun("test/invoke"));
    expect(run.status).toBe("Completed");
    expect(run.output).toEqual({
      doubled: 42,
      failed: expect.stringContaining("child refused"),
      late: "timeout: InngestInvokeTimeoutError",
    });
    expect(count("double")).toBe(1);
  });

  it("cancels a run on a matching cancelOn event and emits inngest/function.cancelled", async () => {
    const keep = await startRun("test/cancellable", { id: "keep" });
    const drop = await startRun("test/cancellable", { id: "drop" });
    await waitFor(
      () => (count("cancellable:first:keep") && count("cancellable:first:drop") ? true : undefined),
      "both first steps",
    );
    await waitFor(async () => ((await store.getRun(drop))?.pending.length ? true : undefined), "the run to sleep");
    await send("test/cancel", { id: "drop" });
    expect(await api.runEnded(drop)).toMatchObject({ status: "Cancelled" });
    await waitFor(() => (cancelledRuns.has(drop) ? true : undefined), "the function.cancelled event");
    expect((await api.run(keep)).status).toBe("Running");
    expect(count("cancellable:second:drop")).toBe(0);
    await send("test/cancel", { id: "keep" });
    expect(await api.runEnded(keep)).toMatchObject({ status: "Cancelled" });
  });

  it("serialises runs sharing a concurrency key, in order, while other keys run in parallel", async () => {
    const { ids } = await inngest.send([
      { name: "test/serialised", data: { repo: "r1", label: "first" } },
      { name: "test/serialised", data: { repo: "r1", label: "second" } },
      { name: "test/serialised", data: { repo: "r2", label: "other" } },
    ]);
    for (const id of ids) {
      const [run] = await api.runsStarted(id);
      expect(await api.runEnded(run?.run_id ?? "")).toMatchObject({ status: "Completed" });
    }
    const r1 = intervals.filter((interval) => interval.repo === "r1").sort((a, b) => a.start - b.start);
    expect(r1).toHaveLength(4);
    for (let i = 1; i < r1.length; i++) expect(r1[i]?.start).toBeGreaterThanOrEqual(r1[i - 1]?.end ?? Infinity);
    expect(r1[0]).toMatchObject({ label: "first", step: "work" });
    const other = intervals.find((interval) => interval.repo === "r2" && interval.step === "work");
    expect(r1.some((interval) => other && interval.start < other.end && other.start < interval.end)).toBe(true);
  });
});
