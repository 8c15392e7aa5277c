import { asc, eq, inArray, sum } from "drizzle-orm";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { INSTANCE_HEADER } from "@/testing/cluster/balancing-proxy";
import { startCluster } from "@/testing/cluster/start-cluster";
import { stormEnv } from "@/testing/faults/kill-storm";
import { checkRuns, createProjects, type StormProduct, startRun } from "@/testing/faults/product-runs";
import { figure, percentile } from "./lib/figures";

// Several instances on one Postgres (testing/cluster: a throwaway Postgres, two app servers
// and two realtime sidecars behind a balancing proxy, one embedded engine calling the apps
// through it). Scripted model, plans confirmed automatically, `true` as the test command,
// merged when green, one repository per 10 runs. First 10 runs one at a time, through each
// instance in turn, for a run's own overhead (its wall time minus model and command time);
// then BENCH_SCALE_RUNS (100) runs started at once, half through each instance; then the
// same batch with every request pinned to one instance, for the ratio. A run is ok when it
// merged with one ending, one pull request and a gap-free timeline.

// Each run writes a note under a random name, so the runs of one repository make different
// changes and all of them merge (as in bench/pipeline.ts).
const writeNote = `node -e "const fs = require('fs'); fs.mkdirSync('notes', { recursive: true }); fs.writeFileSync('notes/' + require('crypto').randomUUID() + '.md', 'note')"`;
const script = {
  name: "bench scale: one small change",
  plan: [
    {
      object: {
        summary: "Write a note",
        steps: [{ title: "Write it" }],
        files: ["notes/"],
        acceptanceChecks: [{ description: "It exists", test: "true" }],
      },
    },
  ],
  code: [[{ toolCalls: [{ toolName: "run_command", input: { command: writeNote } }] }, { text: "Wrote a note." }]],
};

const RUNS = Number(process.env.BENCH_SCALE_RUNS ?? 100);
const RUNS_PER_REPOSITORY = 10;
const SEQUENTIAL_RUNS = 10;
const TERMINAL = ["merged", "failed", "cancelled", "needs_human"];

type Batch = { ok: number; overheadsMs: number[]; wallS: number };

/**
 * `count` runs started through `instances` in turn: all at once, or one after the other
 * (each once the previous ended), then checked and measured.
 */
async function batch(
  product: StormProduct,
  databaseUrl: string,
  instances: string[],
  { count, sequential = false }: { count: number; sequential?: boolean },
): Promise<Batch> {
  const { openDatabase } = await import("@/db/client");
  const { modelCalls, runEvents, runs, validations } = await import("@/db/schema");
  const projectIds = await createProjects(product, Math.ceil(count / RUNS_PER_REPOSITORY));
  const started = Date.now();
  const start = (index: number) =>
    startRun(product, projectIds[index % projectIds.length]!, `Write a note (${index})`, {
      [INSTANCE_HEADER]: instances[index % instances.length]!,
    });
  const runIds: string[] = [];
  if (sequential)
    for (let index = 0; index < count; index++) {
      runIds.push(await start(index));
      await checkRuns(product, runIds.slice(-1), 10 * 60_000);
    }
  else runIds.push(...(await Promise.all(Array.from({ length: count }, (_, index) => start(index)))));
  const checked = await checkRuns(product, runIds, 30 * 60_000);
  const wallS = (Date.now() - started) / 1000;
  for (const run of checked.runs.filter((run) => !run.ok)) process.stderr.write(`not ok: ${JSON.stringify(run)}\n`);

  const handle = openDatabase({ url: databaseUrl, max: 2 });
  try {
    const overheadsMs: number[] = [];
    const rows = await handle.db.select().from(runs).where(inArray(runs.id, runIds));
    for (const run of rows) {
      const events = await handle.db
        .select()
        .from(runEvents)
        .where(eq(runEvents.runId, run.id))
        .orderBy(asc(runEvents.seq));
      const end = events.find((event) => event.type === "state.changed" && TERMINAL.includes(event.toState ?? ""));
      if (!end) continue;
      const [model] = await handle.db
        .select({ ms: sum(modelCalls.durationMs) })
        .from(modelCalls)
        .where(eq(modelCalls.runId, run.id));
      const checks = await handle.db.select().from(validations).where(eq(validations.runId, run.id));
      const commandMs = checks
        .flatMap((check) => [...check.setup, ...check.tests])
        .reduce((total, command) => total + command.durationMs, 0);
      overheadsMs.push(end.createdAt.getTime() - run.createdAt.getTime() - Number(model?.ms ?? 0) - commandMs);
    }
    return { ok: checked.runs.filter((run) => run.ok).length, overheadsMs, wallS };
  } finally {
    await handle.close();
  }
}

export async function run(): Promise<void> {
  // 2 x RUNS runs and their projects are written through the API within one rate-limit window.
  const cluster = await startCluster({
    env: (dir) => {
      const scriptPath = path.join(dir, "scale-script.json");
      fs.writeFileSync(scriptPath, JSON.stringify(script));
      return { ...stormEnv(dir), MERGELINE_SCRIPTED_MODEL: scriptPath, RATE_LIMIT_WRITE_MAX: "100000" };
    },
  });
  const product: StormProduct = { ...cluster };
  try {
    const names = cluster.apps.map((app) => app.name);
    // A run's own overhead on this setup, not queued behind others: one at a time, through
    // each instance in turn (as bench/pipeline.ts measures it on one process).
    const alone = await batch(product, cluster.databaseUrl, names, { count: SEQUENTIAL_RUNS, sequential: true });
    figure("overhead_p50_ms", percentile(alone.overheadsMs, 50), "ms");
    figure("overhead_p95_ms", percentile(alone.overheadsMs, 95), "ms");

    const two = await batch(product, cluster.databaseUrl, names, { count: RUNS });
    figure("host_load_1m", os.loadavg()[0]!, "load");
    figure(`runs_${RUNS}_ok`, two.ok, `of_${RUNS}`);
    figure("runs_per_min", (two.ok / two.wallS) * 60, "runs/min");
    // Under RUNS runs at once a run mostly waits for a core: its wall time minus model and commands.
    figure("concurrent_run_overhead_p95_s", percentile(two.overheadsMs, 95) / 1000, "s");
    process.stderr.write(`step calls by instance: ${JSON.stringify(Object.fromEntries(cluster.proxy.inngestCalls))}\n`);

    // Every request (the engine's calls included) to the first instance alone.
    cluster.proxy.pinApps(0);
    const one = await batch(product, cluster.databaseUrl, [names[0]!], { count: RUNS });
    cluster.proxy.pinApps(null);
    figure("one_instance_runs_ok", one.ok, `of_${RUNS}`);
    figure("one_instance_runs_per_min", (one.ok / one.wallS) * 60, "runs/min");
    figure("host_load_1m_after", os.loadavg()[0]!, "load");
  } finally {
    await cluster.close();
  }
}
