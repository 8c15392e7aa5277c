import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { Preview, Run } from "@/db/schema";

// Real previews: commands in the real sandbox (bubblewrap when it works here), real
// ports on loopback, a real database.

const fixture = path.resolve(import.meta.dirname, "../../../testing/validation/fixtures/web-app");
const settings = { maxRestarts: 2, readyTimeoutMs: 30_000, idleMs: 10 * 60_000, watchMs: 100 };
let handle: DatabaseHandle;
let run: Run;
const dirs: string[] = [];

function workspace(copyFixture = true): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-preview-"));
  dirs.push(dir);
  if (copyFixture) fs.cpSync(fixture, dir, { recursive: true });
  return dir;
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const answers = (url: string) =>
  fetch(url).then(
    (response) => response.ok,
    () => false,
  );

beforeAll(async () => {
  const { createTestDatabase } = await import("@/testing/database");
  handle = await createTestDatabase();
  const { createTeam } = await import("@/db/queries/teams");
  const { createProject } = await import("@/db/queries/projects");
  const { insertRun } = await import("@/db/queries/runs");
  const { defaultProjectSettings } = await import("@/lib/projects/settings");
  const team = await createTeam({ db: handle.db, name: "Previews", slug: `previews-${Date.now()}` });
  const project = await createProject({
    db: handle.db,
    values: {
      teamId: team.id,
      provider: "local",
      repository: "/nonexistent",
      name: "p",
      settings: defaultProjectSettings(),
    },
  });
  run = await insertRun({
    db: handle.db,
    values: {
      projectId: project.id,
      source: "api",
      goal: "g",
      baseBranch: "main",
      budget: { maxAttempts: 3, maxDollars: 5, maxMinutes: 60 },
      state: "validating",
    },
  });
});
afterAll(async () => {
  const { previewRegistry } = await import("./preview-registry");
  await Promise.all(previewRegistry.all().map((preview) => preview.stop("test over")));
  await handle?.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function start(
  command: string,
  cwd: string,
  extra: { signal?: AbortSignal; settings?: Partial<typeof settings> } = {},
) {
  const { startPreview } = await import("./start-preview");
  const { getSandbox } = await import("@/lib/sandbox");
  return startPreview({
    db: handle.db,
    sandbox: getSandbox(),
    runId: run.id,
    attempt: 1,
    cwd,
    command,
    signal: extra.signal,
    settings: { ...settings, ...extra.settings },
  });
}

async function row(id: string): Promise<Preview> {
  const { getPreviewById } = await import("@/db/queries/previews");
  return (await getPreviewById({ db: handle.db, id }))!;
}

describe("startPreview", () => {
  it("builds and serves the fixture web app on its own port, two at once on different ports, and stops them", async () => {
    const [a, b] = await Promise.all([
      start("npm run build && npm start", workspace()),
      start("npm run build && npm start", workspace()),
    ]);
    expect(a.ok && b.ok).toBe(true);
    expect(a.preview).toMatchObject({ status: "ready", restarts: 0, url: `http://127.0.0.1:${a.preview.port}` });
    expect(a.preview.port).not.toBe(b.preview.port);
    const page = await (await fetch(`${a.preview.url}/`)).text();
    expect(page).toContain('<p id="greeting">');

    const { stopRunPreviews } = await import("./stop-run-previews");
    expect(await stopRunPreviews({ db: handle.db, runId: run.id, reason: "The pull request was closed." })).toBe(2);
    expect(await row(a.preview.id)).toMatchObject({ status: "stopped", lastError: "The pull request was closed." });
    expect((await row(b.preview.id)).stoppedAt).toBeInstanceOf(Date);
    expect(await answers(a.preview.url!)).toBe(false);
    expect(await answers(b.preview.url!)).toBe(false);
  });

  it("restarts a preview that crashes while serving, then gives it up after the allowed restarts", async () => {
    // Serves one request, then dies: every instance passes its health check, then crashes.
    const script =
      "require('http').createServer((q,s)=>{s.end('ok');setTimeout(()=>process.exit(7),200)}).listen(process.env.PORT,'127.0.0.1')";
    const started = await start(`node -e "${script}"`, workspace(false));
    expect(started.ok).toBe(true);
    const failed = await waitFor(async () => {
      const current = await row(started.preview.id);
      return current.status === "failed" ? current : undefined;
    });
    expect(failed.restarts).toBe(2);
    expect(failed.lastError).toMatch(
      /exited with code 7 while it was serving\. Gave up after 2 restarts \(MERGELINE_PREVIEW_MAX_RESTARTS=2\)/,
    );
    expect(failed.stoppedAt).toBeInstanceOf(Date);
    expect(await answers(started.preview.url!)).toBe(false);
  });

  it("gives up a preview that crashes before it ever answers, with its output", async () => {
    const started = await start(`node -e "console.log('cannot find config'); process.exit(3)"`, workspace(false));
    expect(started.ok).toBe(false);
    expect(started.preview).toMatchObject({ status: "failed", restarts: 2 });
    expect(started.message).toMatch(/exited with code 3 before \/ answered\. Gave up after 2 restarts/);
    expect(started.log().match(/^cannot find config$/gm)).toHaveLength(3);
  });

  it("fails a preview that never answers within the ready timeout, without restarting it", async () => {
    const started = await start(`node -e "setInterval(() => {}, 1000)"`, workspace(false), {
      settings: { readyTimeoutMs: 1500 },
    });
    expect(started.ok).toBe(false);
    expect(started.preview).toMatchObject({ status: "failed", restarts: 0 });
    expect(started.preview.lastError).toMatch(/did not answer GET \/ with 2xx\/3xx within 2 s/);
  });

  it("stops a preview that is still starting when the run is cancelled, and kills its processes", async () => {
    const marker = `mergeline-preview-cancel-${Date.now()}`;
    const controller = new AbortController();
    setTimeout(() => controller.abort("cancelled"), 1000);
    const started = await start(`node -e "setInterval(() => {}, 1000)" ${marker}`, workspace(false), {
      signal: controller.signal,
    });
    expect(started).toMatchObject({ ok: false, cancelled: true });
    expect(started.preview).toMatchObject({ status: "stopped", restarts: 0 });
    const { execFileSync } = await import("node:child_process");
    const running = execFileSync("ps", ["-eo", "args"], { encoding: "utf8" })
      .split("\n")
      .filter((line) => line.includes(marker));
    expect(running).toEqual([]);
  });

  it("stops an idle preview, and one whose run is cancelled", async () => {
    const idle = await start("npm run build && npm start", workspace(), { settings: { idleMs: 500 } });
    expect(idle.ok).toBe(true);
    const stopped = await waitFor(async () => {
      const current = await row(idle.preview.id);
      return current.status === "stopped" ? current : undefined;
    });
    expect(stopped.lastError).toMatch(/without use \(MERGELINE_PREVIEW_IDLE_MINUTES\)/);
    expect(await answers(idle.preview.url!)).toBe(false);

    const controller = new AbortController();
    const cancelled = await start("npm run build && npm start", workspace(), { signal: controller.signal });
    expect(cancelled.ok).toBe(true);
    controller.abort("cancelled");
    const gone = await waitFor(async () => {
      const current = await row(cancelled.preview.id);
      return current.status === "stopped" ? current : undefined;
    });
    expect(gone.lastError).toBe("The run was cancelled.");
    expect(await answers(cancelled.preview.url!)).toBe(false);
  });
});
