import os from "node:os";
import { asc, eq, sum } from "drizzle-orm";
import type { Run } from "@/db/schema";
import { startPipelineHarness } from "@/testing/pipeline/pipeline-harness";
import { figure, percentile } from "./lib/figures";

// Orchestration overhead of the pipeline: the wall time of a run from createRun to
// merged, minus the time spent in model calls (the coding agent's tool calls included)
// and in validation commands, over 10 runs one after another (after a first, cold run,
// reported on its own). Then 20 concurrent runs across 5 repositories, checked for
// lost or duplicated events. Scripted model, trivial test command, embedded engine.
// Every project is indexed before the runs start, as pinning one does: a run's merge
// then updates the index with the files it changed, where it used to make the project's
// first full index, the pin's work, in the time of the next run.

// Each run writes a note under a random name, so concurrent runs of one repository make
// different changes and all of them merge.
const writeNote = `node -e "const fs = require('fs'); fs.mkdirSync('notes', { recursive: true }); fs.writeFileSync('notes/' + require('crypto').randomUUID() + '.md', 'note')"`;
const script = {
  name: "bench: one small change",
  plan: [
    {
      object: {
        summary: "Write a note",
        steps: [{ title: "Write it" }],
        files: ["notes/"],
        acceptanceChecks: [{ description: "It exists" }],
      },
    },
  ],
  code: [[{ toolCalls: [{ toolName: "run_command", input: { command: writeNote } }] }, { text: "Wrote a note." }]],
};

const SEQUENTIAL_RUNS = 10;
const CONCURRENT_RUNS = 20;
const REPOSITORIES = 5;

export async function run(): Promise<void> {
  // The overhead is mostly CPU time on a shared machine: compare figures taken at a similar load.
  figure("host_load_1m", os.loadavg()[0]!, "load");
  const harness = await startPipelineHarness({ script });
  try {
    const { createRun } = await import("@/lib/runs/create-run");
    const { modelCalls, runEvents, validations } = await import("@/db/schema");
    const settings = { testCommands: ["true"], autoMerge: "auto-when-green" as const, autoConfirmPlans: true };
    const { db } = harness;
    // A run's wall time ends when its state changed to merged (the app's clock, as Date.now()
    // here), not when a poll saw it; polls are sparse, since each one is a statement on the
    // database the pipeline uses (every 50 ms they cost each run tens of ms of waiting).
    const waitForEnd = (runId: string, timeoutMs: number) =>
      harness.waitForState(runId, ["merged", "failed", "needs_human", "cancelled"], timeoutMs, { pollMs: 250 });
    const endedAt = (run: Run) => {
      if (!run.stateChangedAt) throw new Error(`run ${run.id} ended without a state change time`);
      return run.stateChangedAt.getTime();
    };

    const overheadOf = async (runId: string, wallMs: number) => {
      const [model] = await db
        .select({ ms: sum(modelCalls.durationMs) })
        .from(modelCalls)
        .where(eq(modelCalls.runId, runId));
      const checks = await db.select().from(validations).where(eq(validations.runId, runId));
      const commandMs = checks
        .flatMap((check) => [...check.setup, ...check.tests])
        .reduce((total, command) => total + command.durationMs, 0);
      return wallMs - Number(model?.ms ?? 0) - commandMs;
    };

    const { requestCodeIndexSync } = await import("@/lib/code-index/request-code-index-sync");
    const { listCodeIndexesOfProject } = await import("@/db/queries/code-index");
    const pinned = async () => {
      const project = await harness.createProject(settings);
      await requestCodeIndexSync({ projectId: project.id, reason: "pinned" });
      const deadline = Date.now() + 60_000;
      for (;;) {
        const [index] = await listCodeIndexesOfProject({ db, projectId: project.id });
        if (index?.state === "ready") return project;
        if (index?.state === "failed" || Date.now() > deadline)
          throw new Error(`the code index of ${project.name} is ${index?.state ?? "missing"}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    const overheads: number[] = [];
    const ofPipeline = (byFunction: Map<string, number>) =>
      [...byFunction].reduce((sum, [fnId, count]) => sum + (fnId.endsWith("run-pipeline") ? count : 0), 0);
    const { counters } = harness;
    // The first run of the process also loads and (under tsx) compiles the modules the run
    // needs and probes the sandbox: shown as its own figure, left out of the percentiles.
    const cold = await pinned();
    const coldStarted = Date.now();
    const coldRun = await createRun({ db, input: { project: cold, goal: "Write a note", source: "api" } });
    const coldDone = await waitForEnd(coldRun.id, 120_000);
    if (coldDone.state !== "merged")
      throw new Error(`run ${coldRun.id} ended ${coldDone.state}: ${coldDone.stateReason}`);
    const coldWallMs = endedAt(coldDone) - coldStarted;

    const count = () => ({
      queries: counters.queries,
      calls: counters.appCalls,
      pipelineCalls: ofPipeline(counters.callsByFunction),
      steps: ofPipeline(counters.stepsByFunction),
    });
    // A repository per run: each run merges a real change onto a fresh main.
    const sequential = [];
    for (let i = 0; i < SEQUENTIAL_RUNS; i++) sequential.push(await pinned());
    const before = count();
    const walls: { runId: string; wallMs: number }[] = [];
    for (const project of sequential) {
      const started = Date.now();
      const created = await createRun({ db, input: { project, goal: "Write a note", source: "api" } });
      const done = await waitForEnd(created.id, 120_000);
      if (done.state !== "merged") throw new Error(`run ${created.id} ended ${done.state}: ${done.stateReason}`);
      walls.push({ runId: created.id, wallMs: endedAt(done) - started });
    }
    // Counted before the benchmark's own queries below, so the figure is the product's alone.
    const after = count();
    for (const { runId, wallMs } of walls) overheads.push(await overheadOf(runId, wallMs));
    figure("cold_run_overhead_ms", await overheadOf(coldRun.id, coldWallMs), "ms");
    figure("overhead_p50_ms", percentile(overheads, 50), "ms");
    figure("overhead_p95_ms", percentile(overheads, 95), "ms");
    // run-pipeline's steps and the engine's calls to it (a call runs steps one after another,
    // checkpointing each), every function's calls (reporting, clean-up), and the statements
    // sent to the database, per run.
    figure("steps_per_run", (after.steps - before.steps) / SEQUENTIAL_RUNS, "steps");
    figure("pipeline_calls_per_run", (after.pipelineCalls - before.pipelineCalls) / SEQUENTIAL_RUNS, "calls");
    figure("app_calls_per_run", (after.calls - before.calls) / SEQUENTIAL_RUNS, "calls");
    figure("db_queries_per_run", (after.queries - before.queries) / SEQUENTIAL_RUNS, "queries");

    const projects = await Promise.all(Array.from({ length: REPOSITORIES }, () => pinned()));
    const runs = await Promise.all(
      Array.from({ length: CONCURRENT_RUNS }, (_, i) =>
        createRun({ db, input: { project: projects[i % REPOSITORIES]!, goal: `Write a note (${i})`, source: "api" } }),
      ),
    );
    const started = Date.now();
    const ended = await Promise.all(runs.map((created) => waitForEnd(created.id, 300_000)));
    const wallS = (Math.max(...ended.map(endedAt)) - started) / 1000;

    let ok = 0;
    for (const result of ended) {
      const events = await db
        .select()
        .from(runEvents)
        .where(eq(runEvents.runId, result.id))
        .orderBy(asc(runEvents.seq));
      const contiguous = events.every((event, index) => event.seq === index + 1);
      const states = events.filter((event) => event.type === "state.changed").map((event) => event.toState);
      const noRepeats = states.every((state, index) => index === 0 || state !== states[index - 1]);
      if (result.state === "merged" && contiguous && noRepeats && result.lastSeq === events.length) ok++;
      else
        process.stderr.write(
          `run ${result.id}: ${result.state} ${result.stateReason ?? ""} contiguous=${contiguous} noRepeats=${noRepeats}\n`,
        );
    }
    figure("concurrent_runs_ok", ok, `of_${CONCURRENT_RUNS}`);
    figure("concurrent_wall_s", wallS, "s");
  } finally {
    await harness.close();
  }
}
