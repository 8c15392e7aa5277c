import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineClient, waitFor } from "@/testing/local-engine/engine-client";
import { syncApp } from "@/testing/local-engine/test-app";
import { createTestDatabase, type TestDatabase } from "@/testing/local-engine/test-store";
import { createEngine, type Engine } from "./create-engine";
import type { EngineStore } from "./store";

// Checkpointing against the real SDK (inngest 4 checkpoints by default): a call runs the
// steps it finds one after another, posting each result to the engine, which memoizes it as
// durably as a call's answer. Only the call the engine is waiting on may post: not one whose
// connection broke, nor one of a run that was cancelled meanwhile. (A call made before an
// engine restart is refused too: engine-restart.db.test.ts.)

const hits = new Map<string, number>();
const hit = (key: string): void => void hits.set(key, (hits.get(key) ?? 0) + 1);
const count = (key: string) => hits.get(key) ?? 0;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("local Inngest engine: checkpointed steps", () => {
  let db: TestDatabase;
  let store: EngineStore;
  let engine: Engine;
  let server: Server;
  let inngest: Inngest;
  let api: ReturnType<typeof engineClient>;
  // The app's side of the engine's calls, to break one on purpose.
  const callSockets = new Set<Socket>();

  const start = async (name: string, data: Record<string, unknown> = {}) => {
    const { ids } = await inngest.send({ name, data });
    const [run] = await api.runsStarted(ids[0] ?? "");
    return run?.run_id ?? "";
  };
  const postCheckpoint = (runId: string, body: unknown) =>
    fetch(`${engine.url}/v1/checkpoint/${runId}/async`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    store = await db.openStore();
    engine = await createEngine({ port: 0, store, retryBaseMs: 100, retryMaxMs: 1000 });
    inngest = new Inngest({
      id: "checkpoint-test",
      isDev: true,
      baseUrl: engine.url,
      logger: pino({ level: "silent" }),
    });

    const sequence = inngest.createFunction(
      { id: "sequence", triggers: { event: "test/sequence" } },
      async ({ step }) => {
        hit("sequence:call");
        const a = await step.run("a", () => (hit("a"), 1));
        const b = await step.run("b", () => (hit("b"), a + 1));
        const c = await step.run("c", () => (hit("c"), b + 1));
        // A sleep is answered to the engine: the call after it replays a, b and c as checkpointed.
        await step.sleep("nap", "50ms");
        return [a, b, c, { a, b, c }];
      },
    );
    const broken = inngest.createFunction({ id: "broken", triggers: { event: "test/broken" } }, async ({ step }) => {
      await step.run("first", () => hit("broken:first"));
      const second = await step.run("second", async () => {
        hit("broken:second");
        if (count("broken:second") > 1) return "from the next call";
        // The engine loses this call; it carries on here and posts its result a moment later.
        for (const socket of callSockets) socket.destroy();
        await pause(50);
        return "from the broken call";
      });
      await step.run("third", () => hit("broken:third"));
      return second;
    });
    const cancelled = inngest.createFunction(
      {
        id: "cancelled",
        triggers: { event: "test/cancelled" },
        cancelOn: [{ event: "test/cancel", match: "data.key" }],
      },
      async ({ event, step, runId }) => {
        await step.run("before", () => hit("cancelled:before"));
        await step.run("during", async () => {
          hit("cancelled:during");
          await inngest.send({ name: "test/cancel", data: { key: event.data.key } });
          await waitFor(async () => ((await api.run(runId)).status === "Cancelled" ? true : undefined), "the cancel");
          return "late";
        });
        await step.run("after", () => hit("cancelled:after"));
      },
    );
    const waiting = inngest.createFunction({ id: "waiting", triggers: { event: "test/waiting" } }, async ({ step }) => {
      await step.run("ready", () => "ready");
      const go = await step.waitForEvent("go", { event: "test/go", timeout: "1m" });
      return go?.data ?? null;
    });

    const handler = serve({ client: inngest, functions: [sequence, broken, cancelled, waiting] });
    server = createServer((req, res) => void handler(req, res));
    server.on("connection", (socket) => {
      callSockets.add(socket);
      socket.on("close", () => callSockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    await syncApp(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/inngest`);
    api = engineClient(engine.url);
  });

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await engine?.stop();
    await store?.close();
    await db?.drop();
  });

  it("runs a function's steps one after another in one call, each once, and replays them as checkpointed", async () => {
    const run = await api.runEnded(await start("test/sequence"));
    expect(run).toMatchObject({ status: "Completed", output: [1, 2, 3, { a: 1, b: 2, c: 3 }] });
    expect([count("a"), count("b"), count("c")]).toEqual([1, 1, 1]);
    // One call for the three steps and the sleep, one after the sleep: not one per step.
    expect(count("sequence:call")).toBe(2);
  });

  it("resumes after a call whose connection broke, from its last checkpoint, refusing the lost call's steps", async () => {
    const run = await api.runEnded(await start("test/broken"));
    expect(run).toMatchObject({ status: "Completed", output: "from the next call" });
    // The step checkpointed before the break ran once; the one in flight ran again.
    expect([count("broken:first"), count("broken:second"), count("broken:third")]).toEqual([1, 2, 1]);
  });

  it("takes no step from a call once its run is cancelled", async () => {
    const runId = await start("test/cancelled", { key: "k1" });
    await waitFor(async () => ((await api.run(runId)).status === "Cancelled" ? true : undefined), "the cancel");
    // The step that was running when the cancel came is not memoized, and nothing after it ran.
    await waitFor(() => (count("cancelled:during") === 1 ? true : undefined), "the step under way");
    await pause(300);
    expect(count("cancelled:after")).toBe(0);
    const stored = await store.getRun(runId);
    expect(Object.values(stored?.steps ?? {})).toEqual([{ data: null }]);
  });

  it("answers bad checkpoints with 400 or 409 and changes nothing", async () => {
    const runId = await start("test/waiting");
    await waitFor(async () => ((await store.countQueue()).waits === 1 ? true : undefined), "the wait");
    const before = await store.getRun(runId);
    const step = { id: "a".repeat(40), op: "StepRun", data: "forged" };
    const answers = {
      notJson: (await postCheckpoint(runId, "{")).status,
      noSteps: (await postCheckpoint(runId, { qi_id: "1:x", steps: [] })).status,
      badCallId: (await postCheckpoint(runId, { qi_id: "1; drop table", steps: [step] })).status,
      otherRun: (await postCheckpoint(runId, { run_id: "01OTHER", qi_id: "1:x", steps: [step] })).status,
      failedStep: (await postCheckpoint(runId, { qi_id: "1:x", steps: [{ ...step, op: "StepError" }] })).status,
      // Well formed, but no call of this engine has that id: the run waits on an event, not a call.
      noSuchCall: (await postCheckpoint(runId, { qi_id: "1:x", steps: [step] })).status,
      noSuchRun: (await postCheckpoint("01NOSUCHRUN", { qi_id: "1:x", steps: [step] })).status,
    };
    expect(answers).toEqual({
      notJson: 400,
      noSteps: 400,
      badCallId: 400,
      otherRun: 400,
      failedStep: 400,
      noSuchCall: 409,
      noSuchRun: 409,
    });
    expect(await store.getRun(runId)).toEqual(before);
    await inngest.send({ name: "test/go", data: { fine: true } });
    expect(await api.runEnded(runId)).toMatchObject({ status: "Completed", output: { fine: true } });
  });
});
