import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { figure, percentile } from "./lib/figures";

// Studio sessions on this machine, below the Inngest functions: the fixture Vite + React
// library (testing/studio/fixtures/vite-components), its setup (npm ci) and dev server in
// the real sandbox, the real preview proxy on its own HTTP server, headless Chromium.
//   session_ready_cold_s / _warm_s: a session from its row to the app answering through the
//     proxy, with an empty setup cache, then with a hit.
//   edit_to_screen_p95_ms: a write_file execute to the change in the DOM of a page loaded
//     through the proxy (HMR over the proxied websocket), beside vite_direct_edit_to_screen_p95_ms,
//     the same edit with a second page on Vite's own port, in the same run.
//   sessions_10_rss_mb: resident memory of the process trees of 10 concurrent sessions.
//   preview_proxy_overhead_p95_ms: a page of the demo preview through the proxy minus directly.

const EDITS = 15;
const PROXY_SAMPLES = 300;
const SESSIONS = 10;

const fixture = path.resolve(import.meta.dirname, "../testing/studio/fixtures/vite-components");
const demo = path.resolve(import.meta.dirname, "../lib/demo/template");

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

function get(port: number, host: string, pathName = "/", cookie?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: "127.0.0.1", port, path: pathName, headers: { host, ...(cookie ? { cookie } : {}) }, agent: keepAlive },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
  });
}
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** Resident memory of a process and its descendants, in MB (from /proc). */
function treeRssMb(root: number): number {
  const out = execFileSync("ps", ["-e", "-o", "pid=,ppid=,rss="], { encoding: "utf8" });
  const rows = out
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number, number]);
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of rows) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const rss = new Map(rows.map(([pid, , kb]) => [pid, kb]));
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total / 1024;
}

export async function run(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-bench-studio-"));
  const proxyPort = await freePort();
  Object.assign(process.env, {
    MERGELINE_DATA_DIR: path.join(root, "data"),
    MERGELINE_PREVIEW_DOMAIN: `preview.localhost:${proxyPort}`,
    AUTH_SECRET: "bench-studio-secret-0123456789abcdef0123456789",
    MERGELINE_PREVIEW_PORTS: "4800-4899",
  });
  const { createTestDatabase } = await import("@/testing/database");
  const { createFixtureRepository } = await import("@/testing/validation/create-fixture-repository");
  const { createTeam } = await import("@/db/queries/teams");
  const { createProject } = await import("@/db/queries/projects");
  const { insertStudioSession, getStudioSession } = await import("@/db/queries/studio");
  const { insertRun } = await import("@/db/queries/runs");
  const { insertPreview } = await import("@/db/queries/previews");
  const { createOrGetOpenPullRequest } = await import("@/db/queries/pull-requests");
  const { defaultProjectSettings } = await import("@/lib/projects/settings");
  const { bringUpStudioSession } = await import("@/lib/studio/bring-up-studio-session");
  const { executeStudioCommand } = await import("@/lib/studio/execute-studio-command");
  const { studioRegistry } = await import("@/lib/studio/studio-registry");
  const { studioSettings } = await import("@/lib/studio/studio-settings");
  const { createPreviewProxy } = await import("@/lib/preview-proxy/create-preview-proxy");
  const { signPreviewClaims } = await import("@/lib/preview-proxy/preview-tokens");
  const { previewDomain, pullRequestLabel } = await import("@/lib/preview-proxy/preview-address");
  const { logger } = await import("@/lib/platform/logger");
  const { chromium } = await import("playwright");
  const { chromiumLaunchOptions } = await import("@/lib/validation/browser-checks/chromium-launch-options");

  const handle = await createTestDatabase();
  const db = handle.db;
  const repository = path.join(root, "vite-components");
  await createFixtureRepository(fixture, repository);
  const team = await createTeam({ db, name: "Bench", slug: `bench-studio-${Date.now()}` });
  const project = await createProject({
    db,
    values: {
      teamId: team.id,
      provider: "local",
      repository,
      name: "vite-components",
      settings: defaultProjectSettings({
        setupCommands: ["npm ci --no-audit --no-fund --loglevel=error"],
        devCommand: "npm run dev -- --port $PORT --host 127.0.0.1",
      }),
    },
  });
  const proxy = createPreviewProxy({ db: () => db, logger });
  const server = http.createServer((req, res) => void proxy.handle(req, res));
  server.on("upgrade", (req, socket, head) => void proxy.upgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(proxyPort, "127.0.0.1", resolve));
  const settings = studioSettings({ maxSessions: SESSIONS + 2 });
  const { upsertTeamMember } = await import("@/db/queries/team-members");
  const { insertUserIfAbsent } = await import("@/db/queries/users");
  const user = (await insertUserIfAbsent({ db, values: { email: "bench@studio.test" } }))!;
  await upsertTeamMember({ db, teamId: team.id, userId: user.id, role: "member" });
  const cookie = (label: string) =>
    `mergeline_preview=${signPreviewClaims({ label, subject: user.id, expiresAt: Date.now() + 3_600_000, use: "access" })}`;

  const startSession = async () => {
    const id = crypto.randomUUID();
    const started = performance.now();
    await insertStudioSession({
      db,
      projectId: project.id,
      values: { id, branch: `studio/${id}`, baseBranch: "main" },
    });
    const outcome = await bringUpStudioSession({ db, sessionId: id, settings });
    if (outcome.status !== "running") throw new Error(`session did not start: ${outcome.reason}`);
    const host = `studio-${id}.${previewDomain()}`;
    while ((await get(proxyPort, host, "/", cookie(`studio-${id}`)).catch(() => 0)) !== 200)
      await new Promise((resolve) => setTimeout(resolve, 50));
    return { id, host, seconds: (performance.now() - started) / 1000 };
  };

  try {
    const cold = await startSession();
    figure("session_ready_cold_s", cold.seconds, "s");
    const warm = await startSession();
    figure("session_ready_warm_s", warm.seconds, "s");

    // Edit to screen: one page through the proxy, one on Vite's own port, both watching the heading.
    const browser = await chromium.launch({
      ...chromiumLaunchOptions(),
      args: [...(chromiumLaunchOptions().args ?? []), "--host-resolver-rules=MAP *.localhost 127.0.0.1"],
    });
    const context = await browser.newContext();
    await context.addCookies([
      { name: "mergeline_preview", value: cookie(`studio-${warm.id}`).split("=")[1]!, url: `http://${warm.host}` },
    ]);
    const proxied = await context.newPage();
    const direct = await context.newPage();
    const port = (await getStudioSession({ db, id: warm.id }))!.port!;
    await proxied.goto(`http://${warm.host}/`);
    await direct.goto(`http://127.0.0.1:${port}/`);
    for (const page of [proxied, direct]) await page.getByTestId("greeting").waitFor();
    const viaProxy: number[] = [];
    const viaVite: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const text = `Hello number ${i}`;
      // A string, not a function: tsx's transform would put a helper in it the page lacks.
      const watch = `new Promise((resolve) => {
        const heading = document.querySelector("[data-testid=greeting]");
        const observer = new MutationObserver(() => {
          if (document.querySelector("[data-testid=greeting]")?.textContent === ${JSON.stringify(text)}) {
            observer.disconnect();
            resolve(performance.timeOrigin + performance.now());
          }
        });
        observer.observe(heading?.parentElement ?? document.body, { subtree: true, childList: true, characterData: true });
      })`;
      // A change that never shows must fail the benchmark, not hang it.
      const seen = [proxied, direct].map((page, which) =>
        Promise.race([
          page.evaluate(watch) as Promise<number>,
          new Promise<number>((_, reject) =>
            setTimeout(
              () =>
                reject(new Error(`edit ${i} not on the page ${which === 0 ? "through the proxy" : "on Vite"} in 30 s`)),
              30_000,
            ).unref(),
          ),
        ]),
      );
      const started = Date.now();
      await executeStudioCommand({
        db,
        sessionId: warm.id,
        input: {
          command: "write_file",
          filePath: "src/greeting-text.js",
          content: `export function greetingText(name) {\n  return "${text}" || name;\n}\n`,
          description: `bench edit ${i}`,
        },
      });
      const [proxyAt, viteAt] = await Promise.all(seen);
      viaProxy.push(proxyAt! - started);
      viaVite.push(viteAt! - started);
    }
    figure("edit_to_screen_p95_ms", percentile(viaProxy, 95), "ms");
    figure("vite_direct_edit_to_screen_p95_ms", percentile(viaVite, 95), "ms");
    await browser.close();

    // Ten concurrent sessions (two are up already).
    for (let i = 2; i < SESSIONS; i++) await startSession();
    const roots = studioRegistry.all().map((live) => live.port);
    const pids = execFileSync("sh", ["-c", `pgrep -f 'vite --port (${roots.join("|")})' || true`], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map(Number);
    // Each dev server's tree, from the sandbox's first process down (bwrap, the relay, npm, vite).
    const tops = new Set<number>();
    for (const pid of pids) {
      let top = pid;
      for (;;) {
        const parent = Number(execFileSync("ps", ["-o", "ppid=", "-p", String(top)], { encoding: "utf8" }).trim());
        if (!parent || parent === process.pid || parent === 1) break;
        top = parent;
      }
      tops.add(top);
    }
    figure(
      "sessions_10_rss_mb",
      [...tops].reduce((sum, pid) => sum + treeRssMb(pid), 0),
      "MB",
    );

    // The proxy's cost on a preview's page: the demo app as a PR's ready preview.
    const previewPort = await freePort();
    const app = spawn(process.execPath, ["server.js"], {
      cwd: demo,
      env: { ...process.env, PORT: String(previewPort) },
      stdio: "ignore",
    });
    const [run] = [
      await insertRun({
        db,
        values: {
          projectId: project.id,
          source: "api",
          goal: "bench",
          baseBranch: "main",
          budget: project.settings.budget,
          state: "ready",
        },
      }),
    ];
    const { pullRequest } = await createOrGetOpenPullRequest({
      db,
      values: {
        projectId: project.id,
        runId: run!.id,
        headBranch: "bench",
        baseBranch: "main",
        title: "bench",
        body: "",
        headSha: null,
      },
    });
    await insertPreview({
      db,
      runId: run!.id,
      values: {
        status: "ready",
        port: previewPort,
        pullRequestId: pullRequest.id,
        url: `http://127.0.0.1:${previewPort}`,
      },
    });
    const label = pullRequestLabel(pullRequest.number, project.name);
    const host = `${label}.${previewDomain()}`;
    while ((await get(previewPort, "127.0.0.1").catch(() => 0)) !== 200) await new Promise((r) => setTimeout(r, 50));
    const overhead: number[] = [];
    for (let i = 0; i < PROXY_SAMPLES; i++) {
      let started = performance.now();
      await get(previewPort, `127.0.0.1:${previewPort}`);
      const directMs = performance.now() - started;
      started = performance.now();
      const status = await get(proxyPort, host, "/", cookie(label));
      if (status !== 200) throw new Error(`the proxy answered ${status}`);
      overhead.push(performance.now() - started - directMs);
    }
    figure("preview_proxy_overhead_p95_ms", percentile(overhead.slice(20), 95), "ms");
    app.kill();
  } finally {
    await Promise.all(studioRegistry.all().map((live) => live.stop("bench over")));
    server.close();
    keepAlive.destroy();
    await handle.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}
