import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { figure } from "./lib/figures";
import { measureCommitToDom } from "./lib/measure-commit-to-dom";
import { measureDashboard } from "./lib/measure-dashboard";

// Live updates: (a) a run's state commit to the dashboard card's DOM in headless
// Chromium over 500 events, on the production path (Postgres, the app's emitter, the
// sidecar's Postgres adapter); (b) the dashboard's API and first paint with 1,000
// projects and 100,000 runs on the embedded database. Both start the real product.

export async function run(): Promise<void> {
  const keep = process.env.BENCH_KEEP_DATA === "1";
  const dirs: string[] = [];
  const tempDir = (name: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mergeline-bench-${name}-`));
    dirs.push(dir);
    return dir;
  };
  // BENCH_REALTIME_ONLY=live|dashboard runs one half.
  const only = process.env.BENCH_REALTIME_ONLY;
  try {
    // First: it configures this process (lib/platform/env reads process.env once) for Postgres.
    if (only !== "dashboard") {
      const live = await measureCommitToDom({
        dataDir: tempDir("live"),
        events: Number(process.env.BENCH_REALTIME_EVENTS ?? 500),
      });
      figure("commit_to_dom_p50_ms", live.p50Ms, "ms");
      figure("commit_to_dom_p95_ms", live.p95Ms, "ms");
      figure("commit_to_dom_lost", live.lost, `of_${live.events}`);
    }
    if (only !== "live") {
      const dashboard = await measureDashboard({ dataDir: tempDir("dashboard") });
      figure("dashboard_api_p95_ms", dashboard.apiP95Ms, "ms");
      figure("dashboard_fcp_ms", dashboard.fcpMs, "ms");
    }
  } finally {
    if (!keep) for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }
}
