import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { DatabaseHandle } from "@/db/client";
import type { Project, ProjectSettings, Run, RunState } from "@/db/schema";

// The whole pipeline on one machine, for tests and benchmarks: the app's real Inngest
// functions served over HTTP, the embedded engine as its own process (so it can be
// killed), a real database, real git repositories and the scripted model. Modules that
// read the environment are imported only after it is set.

const root = path.resolve(import.meta.dirname, "../..");

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitUntil<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs: number,
  pollMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

export type PipelineHarness = Awaited<ReturnType<typeof startPipelineHarness>>;

export async function startPipelineHarness({ script }: { script?: object } = {}) {
  // What the pipeline costs, for bench/pipeline.ts: statements the product sends to the database
  // (waitForState's polling left out), calls the engine makes to the app, and steps the app
  // ran, by function: each completed step.run, whether a call answered it or it was checkpointed.
  const counters = {
    queries: 0,
    appCalls: 0,
    callsByFunction: new Map<string, number>(),
    stepsByFunction: new Map<string, number>(),
  };
  const countSteps = (fnId: string, ops: unknown) => {
    const ran = Array.isArray(ops) ? ops.filter((op) => (op as { op?: unknown })?.op === "StepRun").length : 0;
    if (ran) counters.stepsByFunction.set(fnId, (counters.stepsByFunction.get(fnId) ?? 0) + ran);
  };
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  };
  // The SDK posts checkpoints with the global fetch, bound when its client is made (below).
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.includes("/v1/checkpoint/") && typeof init?.body === "string") {
      const body = parse(init.body) as { fn_id?: string; steps?: unknown } | undefined;
      countSteps(body?.fn_id ?? "", body?.steps);
    }
    return realFetch(input, init);
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-pipeline-"));
  const enginePort = await freePort();
  Object.assign(process.env, {
    MERGELINE_DATA_DIR: dir,
    INNGEST_DEV: "1",
    INNGEST_BASE_URL: `http://127.0.0.1:${enginePort}`,
    MERGELINE_MODEL: "scripted",
  });
  const scriptPath = path.join(dir, "script.json");
  if (script) {
    fs.writeFileSync(scriptPath, JSON.stringify(script));
    process.env.MERGELINE_SCRIPTED_MODEL = scriptPath;
  }

  const { createTestDatabase } = await import("@/testing/database");
  const { setDatabaseHandle } = await import("@/db");
  const handle: DatabaseHandle = await createTestDatabase({ onQuery: () => void counters.queries++ });
  setDatabaseHandle(handle);
  const db = handle.db;
  const { inngest } = await import("@/lib/inngest/client");
  const { functions } = await import("@/inngest/functions");
  const { serve } = await import("inngest/node");
  const { createTeam } = await import("@/db/queries/teams");
  const { createProject } = await import("@/db/queries/projects");
  const { getRunById } = await import("@/db/queries/runs");
  const { defaultProjectSettings } = await import("@/lib/projects/settings");
  const { createDemoRepository } = await import("@/lib/demo/create-demo-repository");

  const handler = serve({ client: inngest, functions });
  const app: Server = createServer((req, res) => {
    if (req.method === "POST") {
      counters.appCalls++;
      const fnId = new URL(req.url ?? "/", "http://app").searchParams.get("fnId") ?? "";
      counters.callsByFunction.set(fnId, (counters.callsByFunction.get(fnId) ?? 0) + 1);
      // Steps a call answers with (206) rather than checkpoints: a failed one, or one of several at once.
      const chunks: Buffer[] = [];
      const write = res.write.bind(res);
      const end = res.end.bind(res);
      res.write = ((chunk: unknown, ...rest: never[]) => {
        if (chunk) chunks.push(Buffer.from(chunk as string));
        return write(chunk as string, ...rest);
      }) as typeof res.write;
      res.end = ((chunk: unknown, ...rest: never[]) => {
        if (chunk && typeof chunk !== "function") chunks.push(Buffer.from(chunk as string));
        if (res.statusCode === 206) countSteps(fnId, parse(Buffer.concat(chunks).toString("utf8")));
        return end(chunk as string, ...rest);
      }) as typeof res.end;
    }
    return handler(req, res);
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/inngest`;

  let engine: ChildProcess | null = null;
  const engineLog: string[] = [];
  const startEngine = async () => {
    engine = spawn(process.execPath, ["--import", "tsx", path.join(root, "inngest/local-engine/main.ts")], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: "",
        INNGEST_PORT: String(enginePort),
        INNGEST_APP_URLS: appUrl,
        INNGEST_RETRY_BASE_MS: "50",
        LOG_LEVEL: "warn",
        MERGELINE_PARENT_PID: String(process.pid),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    engine.stdout?.on("data", (chunk) => engineLog.push(String(chunk)));
    engine.stderr?.on("data", (chunk) => engineLog.push(String(chunk)));
    await waitUntil(
      async () => ((await fetch(`http://127.0.0.1:${enginePort}/health`)).ok ? true : undefined),
      "the engine",
      90_000,
    ); // a loaded machine starts tsx slowly
    await fetch(appUrl, { method: "PUT" });
  };
  const stopEngine = async (signal: NodeJS.Signals) => {
    const child = engine;
    if (!child || child.exitCode !== null) return;
    await new Promise((resolve) => (child.once("exit", resolve), child.kill(signal)));
  };
  await startEngine();

  const team = await createTeam({ db, name: "Pipeline tests", slug: `pipeline-${Date.now()}` });
  let repositories = 0;

  return {
    db,
    dir,
    engineLog,
    counters,
    /** A project on a new copy of the demo repository, or of `options.template` (a directory of files). */
    async createProject(
      settings: Partial<ProjectSettings> = {},
      options: { template?: string } = {},
    ): Promise<Project> {
      const repository = path.join(dir, "repos", `fixture-${++repositories}`);
      if (options.template) {
        const { createFixtureRepository } = await import("@/testing/validation/create-fixture-repository");
        await createFixtureRepository(options.template, repository);
      } else {
        await createDemoRepository(repository);
      }
      return createProject({
        db,
        values: {
          teamId: team.id,
          provider: "local",
          repository,
          name: `fixture-${repositories}`,
          settings: defaultProjectSettings({ testCommands: ["npm test"], model: "scripted", ...settings }),
        },
      });
    },
    /**
     * Polls the run until it is in one of `states`. Each poll is a statement on the same
     * database the pipeline uses: benchmarks poll less often (`pollMs`) and read when the
     * state was reached from the run's `stateChangedAt`, not from when a poll saw it.
     */
    async waitForState(runId: string, states: RunState[], timeoutMs = 60_000, { pollMs = 50 } = {}): Promise<Run> {
      return waitUntil(
        async () => {
          const run = await getRunById({ db, id: runId });
          // This poll is the harness's own statement, not the pipeline's: keep it out of the count.
          counters.queries--;
          return run && states.includes(run.state) ? run : undefined;
        },
        `run ${runId} to reach ${states.join(" or ")}`,
        timeoutMs,
        pollMs,
      );
    },
    /**
     * Replaces the script of a harness started with one: models made from now on play it
     * (the scripted model reads its file again when it changed). For runs one after another.
     */
    setScript(next: object): void {
      if (!script) throw new Error("setScript needs a harness started with a script");
      fs.writeFileSync(scriptPath, JSON.stringify(next));
    },
    killEngine: () => stopEngine("SIGKILL"),
    startEngine,
    async close() {
      globalThis.fetch = realFetch;
      await stopEngine("SIGTERM");
      await new Promise((resolve) => app.close(resolve));
      await handle.close();
      // Work a step left running in the background (a setup cache's copy, a clean-up) can
      // still be writing under the data dir: removal retries until it is done (ENOTEMPTY once in CI).
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}
