import { randomBytes } from "node:crypto";
import { desc } from "drizzle-orm";
import { benchAdmin, benchAdminEnv } from "./bench-admin";
import { freePort } from "./free-port";
import { percentile } from "./figures";
import { signedInBrowser } from "./signed-in-browser";
import { startProduct } from "./start-product";
import { startThrowawayPostgres } from "./throwaway-postgres";

const WARMUP = 10;
const TIMEOUT_MS = 5000;

declare global {
  interface Window {
    __domChanges?: number[];
    __waiters?: (() => void)[];
  }
}

/**
 * Latency from a run's state commit (lib/runs/transition-run.ts, onCommitted) to the
 * dashboard card's DOM showing it (a MutationObserver on the card's data-state), both
 * as wall-clock milliseconds on this one machine. The product runs on Postgres, so the
 * commit publishes through the Postgres emitter to the sidecar's adapter, as in
 * production with several sidecars.
 */
export async function measureCommitToDom({ dataDir, events }: { dataDir: string; events: number }) {
  const postgres = startThrowawayPostgres(await freePort());
  const secret = randomBytes(32).toString("hex");
  try {
    const product = await startProduct({
      dataDir,
      env: { ...benchAdminEnv, DATABASE_URL: postgres.url, REALTIME_SECRET: secret },
    });
    try {
      // This process commits the transitions, as the app's jobs would, on the same database.
      Object.assign(process.env, {
        DATABASE_URL: postgres.url,
        REALTIME_SECRET: secret,
        REALTIME_PORT: String(product.ports.realtime),
      });
      const { openDatabase } = await import("@/db/client");
      const { projects } = await import("@/db/schema");
      const { insertRun } = await import("@/db/queries/runs");
      const { transitionRun } = await import("@/lib/runs/transition-run");
      const handle = openDatabase({ url: postgres.url, max: 2 });
      const [project] = await handle.db.select().from(projects).orderBy(desc(projects.createdAt)).limit(1);
      if (!project) throw new Error("the product created no demo project");
      const run = await insertRun({
        db: handle.db,
        values: {
          projectId: project.id,
          source: "api",
          goal: "Bench: live card",
          baseBranch: "main",
          budget: { maxAttempts: 3, maxDollars: 5, maxMinutes: 60 },
          state: "validating",
        },
      });

      const { env } = await import("@/lib/platform/env");
      if (env.DATABASE_URL !== postgres.url)
        throw new Error("lib/platform/env was read before this benchmark configured it: run it first");
      const { browser, page } = await signedInBrowser({ baseUrl: product.baseUrl, ...benchAdmin });
      if (process.env.BENCH_DEBUG)
        page.on("console", (message) => process.stderr.write(`browser: ${message.text()}\n`));
      try {
        // The run's row among the card's active runs (its data-state follows the run).
        const card = page
          .locator(`[data-testid="active-run"]`)
          .filter({ has: page.locator(`a[href="/runs/${run.id}"]`) });
        await card.waitFor({ timeout: 60_000 });
        await card.evaluate((element) => {
          window.__domChanges = [];
          window.__waiters = [];
          new MutationObserver(() => {
            window.__domChanges!.push(performance.timeOrigin + performance.now());
            for (const wake of window.__waiters!.splice(0)) wake();
          }).observe(element, {
            attributes: true,
            attributeFilter: ["data-state"],
          });
        });
        let state: "validating" | "fixing" = "validating";
        const latencies: number[] = [];
        let lost = 0;
        for (let i = 0; i < WARMUP + events; i++) {
          state = state === "validating" ? "fixing" : "validating";
          let committedAt = 0;
          const seen = await page.evaluate(() => window.__domChanges!.length);
          await transitionRun({
            db: handle.db,
            runId: run.id,
            to: state,
            onCommitted: () => (committedAt = performance.timeOrigin + performance.now()),
          });
          // Woken by the observer itself: polling would take the page's main thread from the update.
          const arrived = await page.evaluate(
            ([count, timeoutMs]) =>
              new Promise<boolean>((resolve) => {
                if (window.__domChanges!.length > count) return resolve(true);
                const timer = setTimeout(() => resolve(false), timeoutMs);
                window.__waiters!.push(() => {
                  clearTimeout(timer);
                  resolve(true);
                });
              }),
            [seen, TIMEOUT_MS] as const,
          );
          if (i < WARMUP) continue;
          if (!arrived) {
            if (lost === 0)
              process.stderr.write(
                `commit_to_dom: event ${i} (${state}) did not reach the card within ${TIMEOUT_MS} ms\n`,
              );
            lost++;
            continue;
          }
          const at = await page.evaluate((index) => window.__domChanges![index]!, seen);
          latencies.push(at - committedAt);
        }
        return { p50Ms: percentile(latencies, 50), p95Ms: percentile(latencies, 95), lost, events };
      } finally {
        await browser.close();
        await handle.close();
      }
    } finally {
      await product.stop();
    }
  } finally {
    postgres.stop();
  }
}
