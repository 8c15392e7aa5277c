import path from "node:path";
import { sql } from "drizzle-orm";
import { benchAdmin, benchAdminEnv } from "./bench-admin";
import { percentile } from "./figures";
import { runScript } from "./run-script";
import { signedInBrowser } from "./signed-in-browser";
import { startProduct } from "./start-product";

const PROJECTS = 1000;
const RUNS_PER_PROJECT = 100;
const API_REQUESTS = 200;
const PAGE_LOADS = 5;

/**
 * The dashboard at scale: 1,000 pinned projects with 100 runs each, seeded with
 * generate_series into a new embedded database, then the real product serving it.
 */
export async function measureDashboard({ dataDir }: { dataDir: string }): Promise<{ apiP95Ms: number; fcpMs: number }> {
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "DATABASE_URL")),
    ...benchAdminEnv,
    MERGELINE_DATA_DIR: dataDir,
  };
  // Migrating creates the default team, its demo project and the admin.
  await runScript("scripts/migrate.ts", env);
  const { openDatabase } = await import("@/db/client");
  // The embedded database's folder in a data dir (db/index.ts), named here because
  // importing db/index would read this process's settings, which are not this product's.
  const handle = openDatabase({ dataDir: path.join(dataDir, "db") });
  try {
    await handle.db.execute(sql`
      insert into projects (team_id, provider, repository, name, default_branch, settings, pinned)
      select t.id, 'local', '/srv/bench/repo-' || g, 'bench-' || lpad(g::text, 4, '0'), 'main', d.settings, true
      from generate_series(1, ${PROJECTS}) g, (select id from teams where slug = 'default') t, (select settings from projects limit 1) d`);
    await handle.db.execute(sql`
      insert into runs (project_id, source, goal, base_branch, budget, state, created_at, last_seq)
      select p.id, 'api', 'Bench run ' || g, 'main', '{"maxAttempts":3,"maxDollars":5,"maxMinutes":60}'::jsonb,
        (array['merged','failed','cancelled','needs_human','coding','validating'])[1 + (g % 6)]::run_state,
        now() - make_interval(mins => g), 0
      from projects p, generate_series(1, ${RUNS_PER_PROJECT}) g
      where p.name like 'bench-%'`);
    // What the hourly maintain-embedded-database function keeps up on a database this old.
    await handle.db.execute(sql`vacuum analyze`);
  } finally {
    await handle.close();
  }

  const product = await startProduct({ dataDir, env: benchAdminEnv });
  try {
    const call = async () => {
      const started = performance.now();
      const response = await fetch(`${product.baseUrl}/api/v1/projects`, {
        headers: { authorization: `Bearer ${benchAdmin.apiKey}` },
      });
      if (!response.ok) throw new Error(`GET /api/v1/projects answered ${response.status}`);
      await response.arrayBuffer();
      return performance.now() - started;
    };
    for (let i = 0; i < 20; i++) await call();
    const samples: number[] = [];
    for (let i = 0; i < API_REQUESTS; i++) samples.push(await call());

    const { browser, page } = await signedInBrowser({ baseUrl: product.baseUrl, ...benchAdmin });
    const paints: number[] = [];
    try {
      for (let i = 0; i < PAGE_LOADS; i++) {
        await page.goto("/", { waitUntil: "load", timeout: 120_000 });
        const fcp = await page.evaluate(
          () =>
            new Promise<number>((resolve) => {
              const entry = performance.getEntriesByName("first-contentful-paint")[0];
              if (entry) return resolve(entry.startTime);
              new PerformanceObserver((list) => {
                const paint = list.getEntriesByName("first-contentful-paint")[0];
                if (paint) resolve(paint.startTime);
              }).observe({ type: "paint", buffered: true });
            }),
        );
        paints.push(fcp);
      }
    } finally {
      await browser.close();
    }
    return { apiP95Ms: percentile(samples, 95), fcpMs: percentile(paints, 50) };
  } finally {
    await product.stop();
  }
}
