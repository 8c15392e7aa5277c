import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startProduct } from "@/bench/lib/start-product";
import { childPidFile } from "@/scripts/child-pid-file";
import { API_KEY, checkRuns, createProjects, type StormProduct, type StormRun, startRun } from "./product-runs";

// Fault injection on the real product (scripts/start.ts, as `npm start` runs it): runs on
// the scripted model with plans confirmed automatically and merges when green, while the
// embedded engine, the app or both are killed with SIGKILL at random intervals. Shared by
// the fault tests (scripts/launcher-faults.db.test.ts, and on several instances
// lib/instances/several-instances.db.test.ts) and the benchmark (bench/faults.ts).

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

export type { StormProduct, StormRun };

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
