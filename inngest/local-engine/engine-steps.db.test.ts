import { Inngest, NonRetriableError, RetryAfterError } from "inngest";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "./create-engine";
import type { EngineStore } from "./store";
import { engineClient, waitFor } from "@/testing/local-engine/engine-client";
import { startTestApp, syncApp, type TestApp } from "@/testing/local-engine/test-app";
import { createTestDatabase, type TestDatabase } from "@/testing/local-engine/test-store";

// Real SDK functions served over HTTP, run by the real engine: step execution, memoization,
// retries, failures. Side effects are counted to prove each step runs exactly once.

const hits = new Map<string, number>();
const hit = (key: string): void => void hits.set(key, (hits.get(key) ?? 0) + 1);
const count = (key: string) => hits.get(key) ?? 0;
const times = new Map<string, number[]>();
const stamp = (key: string): void => void times.set(key, [...(times.get(key) ?? []), Date.now()]);
// Failed run id -> run id of its onFailure handler, recorded by the handler itself.
const failureRuns = new Map<string, string>();

function defineFunctions(inngest: Inngest) {
  const sequence = inngest.createFunction(
    { id: "sequence", triggers: { event: "test/sequence" } },
    async ({ event, step }) => {
      const a = await step.run("a", () => {
        hit(`a:${event.data.key}`);
        return { value: 1 };
      });
      const b = await step.run("b", () => {
        hit(`b:${event.data.key}`);
        return a.value + 1;
      });
      const c = await step.run("c", () => {
        hit(`c:${event.data.key}`);
        return `${b}!`;
      });
      return { a, b, c };
    },
  );

  const parallel = inngest.createFunction(
    { id: "parallel", triggers: { event: "test/parallel" } },
    async ({ step }) => {
      const [x, y] = await Promise.all([
        step.run("x", () => {
          hit("x");
          return "x";
        }),
        step.run("y", () => {
          hit("y");
          return "y";
        }),
      ]);
      const z = await step.run("z", () => {
        hit("z");
        return x + y;
      });
      return z;
    },
  );

  const flaky = inngest.createFunction(
    { id: "flaky-step", retries: 3, triggers: { event: "test/flaky" } },
    async ({ step, attempt }) => {
      const before = await step.run("before", () => hit("flaky:before"));
      const value = await step.run("flaky", () => {
        hit("flaky:calls");
        stamp("flaky");
        if (count("flaky:calls") < 3) throw new Error(`transient failure ${count("flaky:calls")}`);
        return { attempt };
      });
      return { before, value };
    },
  );

  const flakyFunction = inngest.createFunction(
    { id: "flaky-function", retries: 2, triggers: { event: "test/flaky-fn" } },
    async ({ attempt }) => {
      hit(`flaky-fn:attempt:${attempt}`);
      if (attempt < 1) throw new Error("function-level failure");
      return "recovered";
    },
  );

  const retryAfter = inngest.createFunction(
    { id: "retry-after", triggers: { event: "test/retry-after" } },
    async ({ step }) =>
      step.run("rate-limited", () => {
        hit("rate-limited");
        stamp("rate-limited");
        if (count("rate-limited") === 1) throw new RetryAfterError("rate limited", 1500);
        return "through";
      }),
  );

  const nonRetriable = inngest.createFunction(
    { id: "non-retriable", retries: 5, triggers: { event: "test/non-retriable" } },
    async ({ step }) => {
      await step.run("refuse", () => {
        hit("refuse");
        throw new NonRetriableError("this will never work");
      });
    },
  );

  const failing = inngest.createFunction(
    {
      id: "always-fails",
      retries: 1,
      triggers: { event: "test/always-fails" },
      onFailure: async ({ event, error, step, runId }) => {
        failureRuns.set(event.data.run_id, runId);
        await step.run("record-failure", () => {
          hit("on-failure");
          return { message: error.message, original: event.data.event.data, functionId: event.data.function_id };
        });
        return { handled: error.message, original: event.data.event.data };
      },
    },
    async ({ step }) => {
      await step.run("boom", () => {
        hit("boom");
        throw new Error("boom failed");
      });
    },
  );

  const sleeper = inngest.createFunction({ id: "sleeper", triggers: { event: "test/sleep" } }, async ({ step }) => {
    const started = await step.run("before-sleep", () => {
      hit("before-sleep");
      return Date.now();
    });
    await step.sleep("nap", "1s");
    await step.sleepUntil("nap-until", new Date(Date.now() + 1000));
    const ended = await step.run("after-sleep", () => {
      hit("after-sleep");
      return Date.now();
    });
    return { slept: ended - started };
  });

  const unsupported = inngest.createFunction(
    { id: "unsupported", triggers: { event: "test/unsupported" } },
    async ({ step }) => {
      await step.run("fine", () => hit("unsupported:fine"));
      await step.waitForSignal("signal-me", { signal: "some-signal", timeout: "1h", onConflict: "replace" });
    },
  );

  return [sequence, parallel, flaky, flakyFunction, retryAfter, nonRetriable, failing, sleeper, unsupported];
}

describe("local Inngest engine: steps", () => {
  let db: TestDatabase;
  let store: EngineStore;
  let engine: Engine;
  let app: TestApp;
  let inngest: Inngest;
  let api: ReturnType<typeof engineClient>;

  const send = async (name: string, data: Record<string, unknown> = {}) => {
    const { ids } = await inngest.send({ name, data });
    const [run] = await api.runsStarted(ids[0] ?? "");
    return run?.run_id ?? "";
  };

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

  it("runs each step exactly once and returns the function's output", async () => {
    const run = await api.runEnded(await send("test/sequence", { key: "one" }));
    expect(run).toMatchObject({ status: "Completed", output: { a: { value: 1 }, b: 2, c: "2!" }, error: null });
    expect([count("a:one"), count("b:one"), count("c:one")]).toEqual([1, 1, 1]);
  });

  it("runs parallel steps (Promise.all) once each, then continues", async () => {
    const run = await api.runEnded(await send("test/parallel"));
    expect(run).toMatchObject({ status: "Completed", output: "xy" });
    expect([count("x"), count("y"), count("z")]).toEqual([1, 1, 1]);
  });

  it("retries a failing step with growing backoff and keeps earlier steps memoized", async () => {
    const run = await api.runEnded(await send("test/flaky"));
    expect(run.status).toBe("Completed");
    expect(run.output).toEqual({ before: null, value: { attempt: 2 } });
    expect(count("flaky:before")).toBe(1);
    expect(count("flaky:calls")).toBe(3);
    const [first = 0, second = 0, third = 0] = times.get("flaky") ?? [];
    // Equal jitter: retry n waits between half and all of base * 2^n (base 100 ms).
    expect(second - first).toBeGreaterThanOrEqual(50);
    expect(third - second).toBeGreaterThanOrEqual(100);
  });

  it("retries a function that throws outside any step, passing the attempt number", async () => {
    const run = await api.runEnded(await send("test/flaky-fn"));
    expect(run).toMatchObject({ status: "Completed", output: "recovered" });
    expect([count("flaky-fn:attempt:0"), count("flaky-fn:attempt:1"), count("flaky-fn:attempt:2")]).toEqual([1, 1, 0]);
  });

  it("waits as long as a RetryAfterError asks before retrying, instead of the backoff", async () => {
    const run = await api.runEnded(await send("test/retry-after"));
    expect(run).toMatchObject({ status: "Completed", output: "through" });
    const [first = 0, second = 0] = times.get("rate-limited") ?? [];
    // The SDK rounds 1500 ms up to a Retry-After of 2 s; the backoff alone would be 50-100 ms.
    expect(second - first).toBeGreaterThanOrEqual(1900);
  });

  it("fails at once on NonRetriableError", async () => {
    const run = await api.runEnded(await send("test/non-retriable"));
    expect(run.status).toBe("Failed");
    expect(run.error?.message).toContain("this will never work");
    expect(count("refuse")).toBe(1);
  });

  it("fails after the last retry and runs the onFailure handler with the original event", async () => {
    const { ids } = await inngest.send({ name: "test/always-fails", data: { order: 42 } });
    const [run] = await api.runsStarted(ids[0] ?? "");
    const ended = await api.runEnded(run?.run_id ?? "");
    expect(ended.status).toBe("Failed");
    expect(ended.error?.message).toContain("boom failed");
    expect(count("boom")).toBe(2);

    const failureRunId = await waitFor(() => failureRuns.get(ended.run_id), "the onFailure handler to start");
    const failureRun = await api.runEnded(failureRunId);
    expect(failureRun).toMatchObject({ status: "Completed", function_id: "engine-test-always-fails-failure" });
    expect(failureRun.output).toEqual({ handled: expect.stringContaining("boom failed"), original: { order: 42 } });
    expect(count("on-failure")).toBe(1);
  });

  it("sleeps (step.sleep and step.sleepUntil) between steps without re-running them", async () => {
    const run = await api.runEnded(await send("test/sleep"));
    expect(run.status).toBe("Completed");
    expect((run.output as { slept: number }).slept).toBeGreaterThanOrEqual(1900);
    expect([count("before-sleep"), count("after-sleep")]).toEqual([1, 1]);
  });

  it("fails a run that uses an op the engine does not implement, naming the op", async () => {
    const run = await api.runEnded(await send("test/unsupported"));
    expect(run.status).toBe("Failed");
    expect(run.error).toMatchObject({ name: "UnsupportedOpError" });
    expect(run.error?.message).toContain('"WaitForSignal" op');
    expect(run.error?.message).toContain("signal-me");
    expect(count("unsupported:fine")).toBe(1);
  });
});
