import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type RunningProduct, startProduct } from "@/bench/lib/start-product";
import { createDemoRepository } from "@/lib/demo/create-demo-repository";
import { childPidFile } from "@/scripts/child-pid-file";

// Fault injection on the real product (scripts/start.ts, as `npm start` runs it): runs on
// the scripted model with plans confirmed automatically and merges when green, while the
// embedded engine, the app or both are killed with SIGKILL at random intervals. Shared by
// the fault test (scripts/kill-storm.db.test.ts) and the benchmark (bench/faults.ts).

const API_KEY = "fault-admin-api-key-0123456789abcdef";
const TERMINAL = ["merged", "failed", "cancelled", "needs_human"];

// Each run writes a note; the pauses keep runs in flight while processes are killed.
const script = {
  name: "faults: write a note",
  plan: [
    {
      delayMs: 1000,
      object: {
        summary: "Write a note",
        steps: [{ title: "Write it" }],
        files: ["notes/note.md"],
        acceptanceChecks: [{ description: "It exists", test: "true" }],
      },
    },
  ],
  code: [
    [
      { delayMs: 2000, toolCalls: [{ toolName: "write_file", input: { path: "notes/note.md", content: "note\n" } }] },
      { text: "Wrote a note." },
    ],
  ],
};

export type StormTarget = "inngest" | "app" | "both";

export type StormProduct = RunningProduct & { dataDir: string; close: () => Promise<void> };

type ApiEvent = { seq: number; type: string; toState: string | null; data: Record<string, unknown>; createdAt: string };
type ApiRun = { id: string; state: string; stateReason: string | null; pullRequest: { number: number } | null };

export type StormRun = {
  id: string;
  state: string;
  reason: string | null;
  /** Terminal state changes in the run's timeline: exactly one when nothing was repeated. */
  endings: number;
  pullRequests: number[];
  seqContiguous: boolean;
  repeatedStates: boolean;
  ok: boolean;
};

export type StormResult = {
  runs: StormRun[];
  /** Per kill: seconds until a run recorded an event after the killed processes answered again. */
  recoveriesS: number[];
  /** Health checks during the storm that got no answer at all (the app restarting). */
  unanswered: number;
  /** Health checks during the storm. */
  healthChecks: number;
  /** Answers by status ("ok", "degraded: inngest", "down: database"...). */
  healthAnswers: Record<string, number>;
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The settings storm runs need (the scripted model's script is written into `dir`). */
export function stormEnv(dir: string): Record<string, string> {
  const scriptPath = path.join(dir, "script.json");
  fs.writeFileSync(scriptPath, JSON.stringify(script));
  return { MERGELINE_ADMIN_API_KEY: API_KEY, MERGELINE_MODEL: "scripted", MERGELINE_SCRIPTED_MODEL: scriptPath };
}

/** The product on a data dir of its own, with the scripted model and an admin API key. */
export async function startStormProduct(env: Record<string, string> = {}): Promise<StormProduct> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-faults-"));
  const product = await startProduct({ dataDir, env: { ...stormEnv(dataDir), ...env } });
  // /api/health answers 200 once the app is up, the engine perhaps not yet ("degraded").
  const stormProduct: StormProduct = {
    ...product,
    dataDir,
    close: async () => {
      await product.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await answering(stormProduct, "inngest");
  return stormProduct;
}

/** A REST call that waits out a restarting app (no answer, or 502/503 from it). */
export async function callProduct<T>(
  product: Pick<RunningProduct, "baseUrl">,
  method: string,
  route: string,
  body?: unknown,
  { retry = true, headers = {} }: { retry?: boolean; headers?: Record<string, string> } = {},
): Promise<T> {
  for (const deadline = Date.now() + 120_000; ; ) {
    const response = await fetch(`${product.baseUrl}/api/v1${route}`, {
      method,
      headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch(() => null);
    if (response && response.status < 500) {
      if (!response.ok) throw new Error(`${method} ${route}: HTTP ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    }
    if (!retry || Date.now() > deadline)
      throw new Error(`${method} ${route}: ${response ? `HTTP ${response.status}` : "no answer"}`);
    await pause(250);
  }
}

/** A project (and repository) of its own for each of `count` runs, so that all of them merge. */
export async function createProjects(
  product: StormProduct,
  count: number,
  settings: Record<string, unknown> = {},
): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const repository = path.join(product.dataDir, "fault-repos", `cart-${Date.now().toString(36)}-${index}`);
    await createDemoRepository(repository);
    const project = await callProduct<{ id: string }>(product, "POST", "/projects", { provider: "local", repository });
    await callProduct(product, "PATCH", `/projects/${project.id}`, {
      settings: {
        autoConfirmPlans: true,
        autoMerge: "auto-when-green",
        testCommands: ["true"],
        model: "scripted",
        ...settings,
      },
    });
    ids.push(project.id);
  }
  return ids;
}

/** Starts a run; a 503 (the engine did not take its event) leaves no run, so it is asked again. */
export async function startRun(
  product: StormProduct,
  projectId: string,
  goal: string,
  headers: Record<string, string> = {},
): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (
        await callProduct<{ id: string }>(
          product,
          "POST",
          `/projects/${projectId}/runs`,
          { goal },
          { retry: false, headers },
        )
      ).id;
    } catch (error) {
      if (attempt === 20 || !String(error).includes("HTTP 503")) throw error;
      await pause(500);
    }
  }
}

function alivePid(file: string): number | null {
  try {
    const pid = Number(fs.readFileSync(file, "utf8").trim());
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/** Resolves once the process answers HTTP again (the launcher restarted it). */
async function answering(product: StormProduct, name: "app" | "inngest"): Promise<void> {
  const url = name === "app" ? `${product.baseUrl}/api/health` : `http://127.0.0.1:${product.ports.inngest}/health`;
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; await pause(50)) {
    const answered = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      async (response) => (await response.body?.cancel(), true),
      () => false,
    );
    if (answered) return;
  }
  throw new Error(`the ${name} did not come back within 2 minutes`);
}

function kill(product: StormProduct, name: "app" | "inngest"): void {
  const pid = alivePid(childPidFile(product.dataDir, name));
  if (!pid) throw new Error(`no live ${name} process to kill`);
  process.kill(pid, "SIGKILL");
}

async function allEvents(product: StormProduct, runId: string): Promise<ApiEvent[]> {
  const events: ApiEvent[] = [];
  for (;;) {
    const page = await callProduct<{ data: ApiEvent[]; lastSeq: number }>(
      product,
      "GET",
      `/runs/${runId}/events?after=${events.at(-1)?.seq ?? 0}&limit=500`,
    );
    events.push(...page.data);
    if (page.data.length === 0 || (events.at(-1)?.seq ?? 0) >= page.lastSeq) return events;
  }
}

/** Waits for every run to end, then checks each one's timeline. */
export async function checkRuns(product: StormProduct, runIds: string[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  const finals = new Map<string, ApiRun>();
  while (finals.size < runIds.length && Date.now() < deadline) {
    for (const id of runIds) {
      if (finals.has(id)) continue;
      const run = await callProduct<ApiRun>(product, "GET", `/runs/${id}`);
      if (TERMINAL.includes(run.state)) finals.set(id, run);
    }
    if (finals.size < runIds.length) await pause(500);
  }
  const timelines = new Map<string, ApiEvent[]>();
  const runs: StormRun[] = [];
  for (const id of runIds) {
    const run = finals.get(id) ?? (await callProduct<ApiRun>(product, "GET", `/runs/${id}`));
    const events = await allEvents(product, id);
    timelines.set(id, events);
    const states = events.filter((event) => event.type === "state.changed").map((event) => event.toState ?? "");
    const pullRequests = [
      ...new Set(
        events.flatMap((event) => (typeof event.data.pullRequest === "number" ? [event.data.pullRequest] : [])),
      ),
    ];
    const result = {
      id,
      state: run.state,
      reason: run.stateReason,
      endings: states.filter((state) => TERMINAL.includes(state)).length,
      pullRequests,
      seqContiguous: events.every((event, index) => event.seq === index + 1),
      repeatedStates: states.some((state, index) => index > 0 && state === states[index - 1]),
    };
    const ok =
      result.state === "merged" &&
      result.endings === 1 &&
      pullRequests.length === 1 &&
      run.pullRequest?.number === pullRequests[0] &&
      result.seqContiguous &&
      !result.repeatedStates;
    runs.push({ ...result, ok });
  }
  return { runs, timelines };
}

/**
 * Kills the target `kills` times, each 1-4 s after it answers again, starting one of the
 * `runs` runs before each of the first kills (so runs are in flight all through the storm),
 * while checking /api/health every 200 ms; then waits for every run to end and checks it.
 */
export async function killStorm(
  product: StormProduct,
  {
    target,
    runs = 5,
    kills = 10,
    timeoutMs = 240_000,
  }: { target: StormTarget; runs?: number; kills?: number; timeoutMs?: number },
): Promise<StormResult> {
  const projectIds = await createProjects(product, runs);
  const runIds: string[] = [];
  let stormOver = false;
  let healthChecks = 0;
  let unanswered = 0;
  const healthAnswers: Record<string, number> = {};
  const watching = (async () => {
    while (!stormOver) {
      healthChecks++;
      const health = await fetch(`${product.baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) }).then(
        (response) => response.json() as Promise<{ status: string; down?: string[]; degraded?: string[] }>,
        () => null,
      );
      if (!health) unanswered++;
      else {
        const named = [...(health.down ?? []), ...(health.degraded ?? [])].join(",");
        const key = named ? `${health.status}: ${named}` : health.status;
        healthAnswers[key] = (healthAnswers[key] ?? 0) + 1;
      }
      await pause(200);
    }
  })();
  const stormKills: Array<{ at: number; backAt: number }> = [];
  const targets = target === "both" ? (["inngest", "app"] as const) : ([target] as const);
  const backAgain = async () => {
    for (const name of targets) await answering(product, name);
    return Date.now();
  };
  await backAgain();
  for (let index = 0; index < kills; index++) {
    if (index < runs) runIds.push(await startRun(product, projectIds[index]!, `Write a note (${index})`));
    // Each kill hits a process at work: 1-4 s after it answers again, not while it starts.
    await pause(1000 + Math.random() * 3000);
    for (const name of targets) kill(product, name);
    const at = Date.now();
    stormKills.push({ at, backAt: await backAgain() });
  }
  stormOver = true;
  await watching;
  const { runs: checked, timelines } = await checkRuns(product, runIds, timeoutMs);

  // A step the app was running goes on without the engine (its result is lost and the step
  // runs again), so only an event written after the target answered again shows that the
  // restarted processes took the runs up: recovery is from the kill to the first such event.
  const recoveriesS: number[] = [];
  for (const { at, backAt } of stormKills) {
    const next = [...timelines.values()].flatMap((events) =>
      events.map((event) => Date.parse(event.createdAt)).filter((time) => time > backAt),
    );
    if (next.length > 0) recoveriesS.push((Math.min(...next) - at) / 1000);
  }
  return { runs: checked, recoveriesS, unanswered, healthChecks, healthAnswers };
}
