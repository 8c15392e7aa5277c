import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Run } from "@/db/schema";
import { figure, percentile } from "./lib/figures";
import { seedInsightRuns } from "./lib/seed-insight-runs";

// Insights at 100,000 runs: the daily rollups of a year of history built by the
// roll-up-insights function's own steps (a backfill, timed), then GET /api/v1/insights
// over HTTP, through the real route (API key, zod, rollups): the whole team over the last
// 30, 90 and 365 days, and one project over 90 days (goal: p95 under 100 ms over the 30- and
// 90-day requests, which the page makes by default and by its shortcuts). Before that,
// notifications: run state changes committed by transitionRun, to the signed webhook
// received (and verified with `standardwebhooks`) by a receiver on loopback, through the
// embedded engine as its own process and every Inngest function of the app (goal: p95
// under 1,000 ms). On DATABASE_URL's Postgres when set (the API half), PGlite otherwise.

const RUNS = Number(process.env.BENCH_INSIGHTS_RUNS ?? 100_000);
const PROJECTS = 200;
const REQUESTS_PER_CASE = 25;
const NOTIFICATIONS = Number(process.env.BENCH_NOTIFICATIONS ?? 100);

async function insightsApi(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-bench-insights-"));
  const { openDatabase } = await import("@/db/client");
  const { migrateDatabase } = await import("@/db/migrate");
  const { setDatabaseHandle } = await import("@/db");
  const url = process.env.DATABASE_URL;
  const handle = url ? openDatabase({ url }) : openDatabase({ dataDir: dir });
  setDatabaseHandle(handle);
  const { GET: route } = await import("@/app/api/v1/insights/route");
  const { serveRoute } = await import("@/testing/webhooks/serve-route");
  const server = await serveRoute(() => route);
  try {
    await migrateDatabase(handle);
    const db = handle.db;
    const { createTeam } = await import("@/db/queries/teams");
    const { createApiKey } = await import("@/lib/api-keys");
    const team = await createTeam({ db, name: "Bench", slug: `bench-insights-${Date.now()}` });
    await seedInsightRuns({ db, teamId: team.id, projects: PROJECTS, runs: RUNS });
    const token = (await createApiKey({ db, teamId: team.id, name: "bench", scopes: ["read"], createdBy: null }))
      .secret;

    // The scheduled function's path: plan, a chunk per step, then mark the days final.
    const { planInsightRollups } = await import("@/lib/insights/plan-insight-rollups");
    const { recomputeInsightRollups, setRollupCompleteThrough } = await import("@/db/queries/insight-rollups");
    const started = performance.now();
    const plan = await planInsightRollups({ db });
    let rows = 0;
    for (const chunk of plan.chunks) rows += await recomputeInsightRollups({ db, ...chunk });
    await setRollupCompleteThrough({ db, day: plan.completeThrough });
    figure("insights_rollup_backfill_s", (performance.now() - started) / 1000, "s");
    figure("insights_rollup_rows", rows, "rows");
    const tick = performance.now();
    const again = await planInsightRollups({ db });
    for (const chunk of again.chunks) await recomputeInsightRollups({ db, ...chunk });
    figure("insights_rollup_tick_ms", performance.now() - tick, "ms");
    await db.execute(sql`vacuum analyze`);

    const { rowsOf } = await import("@/db/queries/rows-of");
    const [project] = rowsOf<{ id: string }>(
      await db.execute(sql`select id from projects where team_id = ${team.id} order by name limit 1`),
    );
    const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
    const cases: Record<string, string> = {
      team_30d: "",
      team_90d: `?from=${day(89)}&to=${day(0)}`,
      team_365d: `?from=${day(364)}&to=${day(0)}`,
      project_90d: `?projectId=${project?.id}&from=${day(89)}&to=${day(0)}`,
    };
    const all: number[] = [];
    for (const [name, query] of Object.entries(cases)) {
      const samples: number[] = [];
      for (let i = 0; i < REQUESTS_PER_CASE + 3; i++) {
        const begun = performance.now();
        const response = await fetch(`${server.url}/api/v1/insights${query}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const body = (await response.json()) as { totals?: { runsEnded: number } };
        if (response.status !== 200)
          throw new Error(`GET /insights${query}: ${response.status} ${JSON.stringify(body)}`);
        // The first requests warm the route and the database's caches.
        if (i >= 3) samples.push(performance.now() - begun);
      }
      // The page's default period and its shortcuts make the headline figure; the year is its own.
      if (name !== "team_365d") all.push(...samples);
      figure(`insights_api_${name}_p95_ms`, percentile(samples, 95), "ms");
    }
    figure("insights_api_p50_ms", percentile(all, 50), "ms");
    figure("insights_api_p95_ms", percentile(all, 95), "ms");
  } finally {
    await server.close();
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function notificationLatency(): Promise<void> {
  const { startPipelineHarness } = await import("@/testing/pipeline/pipeline-harness");
  const { startWebhookReceiver } = await import("@/testing/notifications/start-webhook-receiver");
  const harness = await startPipelineHarness();
  const committed = new Map<string, number>();
  const received = new Map<string, number>();
  let secret = "";
  const receiver = await startWebhookReceiver({
    secret: () => secret,
    respond: ({ body }) => {
      const runId = (JSON.parse(body) as { data: { run: { id: string } | null } }).data.run?.id;
      if (runId && !received.has(runId)) received.set(runId, performance.now());
      return 200;
    },
  });
  try {
    const { createDestination } = await import("@/lib/notifications/create-destination");
    const { insertRun } = await import("@/db/queries/runs");
    const { transitionRun } = await import("@/lib/runs/transition-run");
    const project = await harness.createProject();
    const created = await createDestination({
      db: harness.db,
      actor: { kind: "api_key", apiKeyId: "bench", teamId: project.teamId, scopes: ["admin"], ip: null },
      ip: null,
      teamId: project.teamId,
      input: { kind: "webhook", name: "bench", url: receiver.url, events: ["run.failed"], projectIds: null },
    });
    secret = created.secret ?? "";
    const latencies: number[] = [];
    for (let i = 0; i < NOTIFICATIONS + 5; i++) {
      const run: Run = await insertRun({
        db: harness.db,
        values: {
          projectId: project.id,
          source: "api",
          goal: `notify ${i}`,
          baseBranch: "main",
          budget: { maxAttempts: 1, maxDollars: 1, maxMinutes: 5 },
        },
      });
      await transitionRun({ db: harness.db, runId: run.id, to: "planning" });
      await transitionRun({
        db: harness.db,
        runId: run.id,
        to: "failed",
        reason: "bench",
        onCommitted: () => committed.set(run.id, performance.now()),
      });
      const deadline = Date.now() + 30_000;
      while (!received.has(run.id)) {
        if (Date.now() > deadline) throw new Error(`no webhook for run ${run.id} within 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      // The first few warm the engine's and the app's paths.
      if (i >= 5) latencies.push((received.get(run.id) ?? 0) - (committed.get(run.id) ?? 0));
    }
    const unverified = receiver.requests.filter((request) => request.verified !== true).length;
    if (unverified > 0) throw new Error(`${unverified} webhook(s) failed signature verification`);
    figure("notification_latency_p50_ms", percentile(latencies, 50), "ms");
    figure("notification_latency_p95_ms", percentile(latencies, 95), "ms");
    figure("notifications_delivered", latencies.length, "webhooks");
  } finally {
    await receiver.close();
    await harness.close();
  }
}

export async function run(): Promise<void> {
  // Before anything reads the configuration (lib/platform/env reads it once): a key to seal
  // the webhook's secret with, and a receiver on loopback allowed.
  process.env.MERGELINE_ENCRYPTION_KEY ??= Buffer.alloc(32, 11).toString("base64");
  process.env.MERGELINE_ALLOW_PRIVATE_WEBHOOKS = "true";
  const only = process.env.BENCH_INSIGHTS_ONLY;
  figure("host_load_1m", os.loadavg()[0] ?? 0, "load");
  if (only !== "api") await notificationLatency();
  if (only !== "notifications") await insightsApi();
}
