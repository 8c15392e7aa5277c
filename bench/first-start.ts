import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchAdmin, benchAdminEnv } from "./lib/bench-admin";
import { figure } from "./lib/figures";
import { firstContentfulPaint } from "./lib/first-contentful-paint";
import { freePort } from "./lib/free-port";
import { launchUntilReady } from "./lib/launch-until-ready";
import { signedInBrowser } from "./lib/signed-in-browser";

// A newcomer's first start, measured from a fresh clone of this repository's HEAD:
// `npm install` (from the npm cache, as on any machine that installed once), the first
// `npm start` until its ready block (build, migrations, demo project, processes), a second
// start on the same data dir (no build), then the first contentful paint of the dashboard
// and of a run's page in headless Chromium, signed in. host_load_1m says how busy the
// machine was: compare figures taken at a similar load.

const root = path.resolve(import.meta.dirname, "..");

// Settings of the shell running the benchmark that a newcomer would not have.
const configured = /^(MERGELINE_|DATABASE_URL$|INNGEST_|PORT$|REALTIME_PORT$|AUTH_|GITHUB_|OPENAI_|NODE_ENV$)/;

export async function run(): Promise<void> {
  const keep = process.env.BENCH_KEEP_DATA === "1";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-bench-first-start-"));
  const clone = path.join(dir, "mergeline");
  try {
    figure("host_load_1m", os.loadavg()[0]!, "load");
    execFileSync("git", ["clone", "--quiet", "--no-hardlinks", root, clone]);

    const installStarted = performance.now();
    // At warn level, so that an engine mismatch of a dependency (EBADENGINE) would be counted.
    const install = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=warn"], {
      cwd: clone,
      encoding: "utf8",
    });
    if (install.status !== 0) throw new Error(`npm install failed:\n${install.stderr}`);
    figure("install_s", (performance.now() - installStarted) / 1000, "s");
    figure("install_ebadengine_warnings", `${install.stdout}${install.stderr}`.split("EBADENGINE").length - 1, "lines");

    const ports = { app: await freePort(), realtime: await freePort(), inngest: await freePort() };
    const env = {
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !configured.test(name))),
      ...benchAdminEnv,
      LOG_LEVEL: "info",
      PORT: String(ports.app),
      REALTIME_PORT: String(ports.realtime),
      INNGEST_PORT: String(ports.inngest),
    };
    const first = await launchUntilReady({ dir: clone, env });
    figure("first_ready_s", first.seconds, "s");
    figure("first_start_output_lines", first.output.trimEnd().split("\n").length, "lines");
    await first.stop();

    const second = await launchUntilReady({ dir: clone, env });
    figure("second_ready_s", second.seconds, "s");
    try {
      const baseUrl = `http://127.0.0.1:${ports.app}`;
      const auth = { authorization: `Bearer ${benchAdmin.apiKey}`, "content-type": "application/json" };
      const projects = (await (await fetch(`${baseUrl}/api/v1/projects`, { headers: auth })).json()) as {
        data: { id: string; name: string }[];
      };
      const demo = projects.data.find((project) => project.name === "demo-cart");
      if (!demo) throw new Error("the demo project is missing");
      const created = await fetch(`${baseUrl}/api/v1/projects/${demo.id}/runs`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ goal: "Add removeItem", autoConfirm: true }),
      });
      if (created.status !== 201) throw new Error(`starting a run answered ${created.status}: ${await created.text()}`);
      const runId = ((await created.json()) as { id: string }).id;

      const { browser, page } = await signedInBrowser({
        baseUrl,
        email: benchAdmin.email,
        password: benchAdmin.password,
      });
      try {
        figure("dashboard_fcp_ms", await firstContentfulPaint(page, "/"), "ms");
        figure("run_page_fcp_ms", await firstContentfulPaint(page, `/runs/${runId}`), "ms");
      } finally {
        await browser.close();
      }
    } finally {
      await second.stop();
    }
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}
