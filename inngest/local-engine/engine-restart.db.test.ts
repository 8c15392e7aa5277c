import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Inngest } from "inngest";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineClient, waitFor } from "@/testing/local-engine/engine-client";
import { freePort, startTestApp, type TestApp } from "@/testing/local-engine/test-app";
import { createTestDatabase, type TestDatabase } from "@/testing/local-engine/test-store";

// The engine as a real child process, killed with SIGKILL mid-run and restarted on the same
// data dir (or database): every run finishes, completed steps never run again, the step that
// was in flight runs again, and a pending sleep and wait survive. Engine and SDK authenticate
// each other with an event key and a signing key, as on Inngest.

const root = path.resolve(import.meta.dirname, "../..");
const hits = new Map<string, number>();
const hit = (key: string): void => void hits.set(key, (hits.get(key) ?? 0) + 1);
const count = (key: string) => hits.get(key) ?? 0;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Health = { apps: Array<{ functions: string[] }>; waits: number };
const keys = {
  INNGEST_EVENT_KEY: randomBytes(32).toString("hex"),
  INNGEST_SIGNING_KEY: `signkey-test-${randomBytes(32).toString("hex")}`,
};

describe("local Inngest engine: kill -9 and restart", () => {
  let db: TestDatabase;
  let dataDir: string;
  let app: TestApp;
  let inngest: Inngest;
  let engineUrl: string;
  let env: NodeJS.ProcessEnv;
  let child: ChildProcess | undefined;
  let output = "";

  const startEngine = async () => {
    const started = spawn(process.execPath, ["--import", "tsx", "inngest/local-engine/main.ts"], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    started.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child = started;
    await waitFor(
      async () => {
        if (started.exitCode !== null) throw new Error(`engine exited with ${started.exitCode}:\n${output}`);
        const health = await fetch(`${engineUrl}/health`)
          .then((res) => res.json() as Promise<Health>)
          .catch(() => undefined);
        return health?.apps.some((entry) => entry.functions.length === 3) ? health : undefined;
      },
      "the engine to start and sync the app",
      60_000,
    );
  };
  const exited = (proc: ChildProcess) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) resolve({ code: proc.exitCode, signal: proc.signalCode });
      else proc.once("exit", (code, signal) => resolve({ code, signal }));
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "inngest-engine-restart-"));
    engineUrl = `http://127.0.0.1:${await freePort()}`;
    // Authenticated as Mergeline runs it: events need the event key, the SDK checks the
    // engine's signatures (not in dev mode), and the sync carries the signing key.
    inngest = new Inngest({
      id: "restart-test",
      isDev: false,
      baseUrl: engineUrl,
      eventKey: keys.INNGEST_EVENT_KEY,
      signingKey: keys.INNGEST_SIGNING_KEY,
      logger: pino({ level: "silent" }),
    });
    const slowSteps = inngest.createFunction(
      { id: "slow-steps", triggers: { event: "test/slow" } },
      async ({ step }) => {
        await step.run("a", () => hit("a"));
        await step.run("slow", async () => {
          hit("slow:start");
          await pause(1500);
          hit("slow:done");
        });
        await step.run("c", () => hit("c"));
        return "done";
      },
    );
    const sleepy = inngest.createFunction({ id: "sleepy", triggers: { event: "test/sleepy" } }, async ({ step }) => {
      await step.run("x", () => hit("x"));
      await step.sleep("nap", "3s");
      await step.run("y", () => hit("y"));
    });
    const waiter = inngest.createFunction({ id: "waiter", triggers: { event: "test/waiter" } }, async ({ step }) => {
      await step.run("w1", () => hit("w1"));
      const approval = await step.waitForEvent("approval", { event: "test/approve", timeout: "1m" });
      await step.run("w2", () => hit("w2"));
      return approval?.data;
    });
    app = await startTestApp(inngest, [slowSteps, sleepy, waiter]);
    env = {
      ...process.env,
      INNGEST_PORT: new URL(engineUrl).port,
      MERGELINE_DATA_DIR: dataDir,
      DATABASE_URL: db.url ?? "",
      INNGEST_APP_URLS: app.url,
      LOG_LEVEL: "warn",
      MERGELINE_PARENT_PID: "",
      INNGEST_DEV: "",
      ...keys,
    };
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await app?.close();
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("resumes every unfinished run after SIGKILL, re-running only the step in flight", async () => {
    await startEngine();
    const api = engineClient(engineUrl, { signingKey: keys.INNGEST_SIGNING_KEY });
    const { ids } = await inngest.send([{ name: "test/slow" }, { name: "test/sleepy" }, { name: "test/waiter" }]);
    const runIds: string[] = [];
    for (const id of ids) runIds.push((await api.runsStarted(id))[0]?.run_id ?? "");

    await waitFor(
      () => (count("slow:start") === 1 && count("x") === 1 && count("w1") === 1 ? true : undefined),
      "the steps before the kill",
    );
    await waitFor(
      async () => ((await (await fetch(`${engineUrl}/health`)).json()) as Health).waits === 1 || undefined,
      "the wait to be stored",
    );
    const killed = child as ChildProcess;
    killed.kill("SIGKILL");
    expect((await exited(killed)).signal).toBe("SIGKILL");
    expect(count("slow:done")).toBe(0);

    await startEngine();
    await inngest.send({ name: "test/approve", data: { by: "restart" } });
    const ended = await Promise.all(runIds.map((runId) => api.runEnded(runId, 60_000)));
    expect(ended.map((run) => run.status)).toEqual(["Completed", "Completed", "Completed"]);
    expect(ended[2]?.output).toEqual({ by: "restart" });

    expect([count("a"), count("c"), count("x"), count("y"), count("w1"), count("w2")]).toEqual([1, 1, 1, 1, 1, 1]);
    // The step in flight at the kill ran again (at least once); nothing completed re-ran.
    expect(count("slow:start")).toBe(2);
  }, 240_000);

  it("stops cleanly on SIGTERM and gives up its data dir", async () => {
    const running = child as ChildProcess;
    running.kill("SIGTERM");
    expect(await exited(running)).toEqual({ code: 0, signal: null });
    if (!db.url) expect(fs.existsSync(path.join(dataDir, "inngest", "owner.lock"))).toBe(false);
  });
});
