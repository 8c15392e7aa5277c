import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { Project, StudioSession } from "@/db/schema";
import { firstWebSocketMessage, requestThrough } from "@/testing/studio/proxy-client";
import { freePort, type StudioDevSetup, startStudioDevSetup } from "@/testing/studio/studio-dev-setup";

// A real studio session end to end, below the Inngest functions: a real Vite + React
// repository (vite and react from npm, installed by the project's setup in the real
// sandbox), its dev server supervised on a real port, the real preview proxy on a real
// HTTP server with HMR websockets, real commits pushed to the repository, a real database.

const fixture = path.resolve(import.meta.dirname, "../../testing/studio/fixtures/vite-components");
const root = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-studio-"));
const settings = {
  maxRestarts: 2,
  idleMs: 60 * 60_000,
  maxSessions: 10,
  readyTimeoutMs: 120_000,
  healthIntervalMs: 500,
  hangChecks: 3,
  probeTimeoutMs: 10_000,
  commitMessage: "AI: {description} - {timestamp}",
};

let setup: StudioDevSetup | undefined;
let handle: DatabaseHandle;
let project: Project;
let memberId: string;
let outsiderId: string;
let session: StudioSession;
let proxyPort: number;
let host: string;

const portAnswers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

async function waitFor<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function cookieFor(subject: string, label: string): Promise<string> {
  const { signPreviewClaims } = await import("@/lib/preview-proxy/preview-tokens");
  return `mergeline_preview=${signPreviewClaims({ label, subject, expiresAt: Date.now() + 60_000, use: "access" })}`;
}

beforeAll(async () => {
  setup = await startStudioDevSetup({
    root,
    fixture,
    name: "vite-components",
    devCommand: "npm run dev -- --port $PORT --host 127.0.0.1",
    previewDomain: (port) => `preview.localhost:${port}`,
    previewPorts: "4700-4799",
  });
  ({ handle, project, memberId, proxyPort } = setup);
  // Someone of another team, admin there: nothing of this team's session is theirs.
  const { createTeam } = await import("@/db/queries/teams");
  const { upsertTeamMember } = await import("@/db/queries/team-members");
  const { insertUserIfAbsent } = await import("@/db/queries/users");
  const other = await createTeam({ db: handle.db, name: "Others", slug: `others-${Date.now()}` });
  outsiderId = (await insertUserIfAbsent({ db: handle.db, values: { email: "outsider@studio.test" } }))!.id;
  await upsertTeamMember({ db: handle.db, teamId: other.id, userId: outsiderId, role: "admin" });
}, 180_000);

afterAll(async () => {
  await setup?.close();
  fs.rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
});

describe("a studio session on a Vite + React repository", () => {
  it("starts: setup in the sandbox, the dev server on a port, the start in its history", async () => {
    const { insertStudioSession, getStudioCommits } = await import("@/db/queries/studio");
    const { bringUpStudioSession } = await import("./bring-up-studio-session");
    const { studioBranch } = await import("./studio-names");
    const { studioLabel, previewDomain } = await import("@/lib/preview-proxy/preview-address");
    const id = crypto.randomUUID();
    session = await insertStudioSession({
      db: handle.db,
      projectId: project.id,
      values: { id, userId: memberId, branch: studioBranch(id), baseBranch: "main" },
    });
    host = `${studioLabel(id)}.${previewDomain()}`;
    const started = await bringUpStudioSession({ db: handle.db, sessionId: id, settings });
    expect(started).toMatchObject({ status: "running" });
    const commits = await getStudioCommits({ db: handle.db, sessionId: id });
    expect(commits.map((commit) => commit.kind)).toEqual(["start"]);
  }, 240_000);

  it("serves the app through the proxy to the team, HMR websocket included, and to nobody else", async () => {
    const refused = await requestThrough({ port: proxyPort, host });
    expect(refused.status).toBe(302);
    expect(refused.headers.location).toContain("/api/preview-access?host=");

    const outsider = await requestThrough({
      port: proxyPort,
      host,
      headers: { cookie: await cookieFor(outsiderId, `studio-${session.id}`) },
    });
    expect(outsider.status).toBe(302);

    const member = { cookie: await cookieFor(memberId, `studio-${session.id}`) };
    const page = await requestThrough({ port: proxyPort, host, headers: member });
    expect(page.status).toBe(200);
    expect(page.body).toContain("/src/main.jsx");
    const component = await requestThrough({ port: proxyPort, host, path: "/src/greeting-text.js", headers: member });
    expect(component.body).toContain("Hello, ");

    const hmr = await firstWebSocketMessage({ port: proxyPort, host, headers: member });
    expect(JSON.parse(hmr.message ?? "{}")).toMatchObject({ type: "connected" });
    const hmrRefused = await firstWebSocketMessage({ port: proxyPort, host });
    expect(hmrRefused.status).toBe(401);
  }, 60_000);

  it("commits a written file, refuses paths out of the repository, and rolls back as a new commit", async () => {
    const { executeStudioCommand } = await import("./execute-studio-command");
    const { rollbackStudioSession } = await import("./rollback-studio-session");
    const { getStudioCommits } = await import("@/db/queries/studio");
    const { gitLog, showFile } = await import("@/testing/local-project");
    const write = (filePath: string, content: string) =>
      executeStudioCommand({
        db: handle.db,
        sessionId: session.id,
        input: { command: "write_file", filePath, content, description: "Greet loudly" },
      });
    const written = await write(
      "src/greeting-text.js",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the file's own template literal
      "export function greetingText(name) {\n  return `HELLO, ${name}!`;\n}\n",
    );
    expect(written.commitHash).toMatch(/^[0-9a-f]{40}$/);
    expect(await showFile(project.repository, `studio/${session.id}`, "src/greeting-text.js")).toContain("HELLO");
    const [subject] = await gitLog(project.repository, `studio/${session.id}`);
    expect(subject).toMatch(/^AI: Greet loudly - \d{4}-\d{2}-\d{2}T/);

    const member = { cookie: await cookieFor(memberId, `studio-${session.id}`) };
    const served = await requestThrough({ port: proxyPort, host, path: "/src/greeting-text.js", headers: member });
    expect(served.body).toContain("HELLO, ");

    fs.symlinkSync(os.tmpdir(), path.join(root, "data", "workspaces", `studio-${session.id}`, "out"));
    for (const outside of ["../escape.js", "/etc/passwd", ".git/config", "out/escape.js"]) {
      await expect(write(outside, "x")).rejects.toMatchObject({ code: "bad_request:filePath" });
    }
    expect(fs.existsSync(path.join(os.tmpdir(), "escape.js"))).toBe(false);
    fs.rmSync(path.join(root, "data", "workspaces", `studio-${session.id}`, "out"));

    const start = (await getStudioCommits({ db: handle.db, sessionId: session.id }))[0]!;
    const rolled = await rollbackStudioSession({ db: handle.db, sessionId: session.id, commitHash: start.sha });
    expect(rolled.rolledBack).toBe(true);
    expect(await showFile(project.repository, `studio/${session.id}`, "src/greeting-text.js")).toContain("Hello, ");
    const history = await getStudioCommits({ db: handle.db, sessionId: session.id });
    expect(history.map((commit) => commit.kind)).toEqual(["start", "write", "rollback"]);
    // Nothing after the target is lost: the rolled-back edit is still a commit of the branch.
    expect(await gitLog(project.repository, `studio/${session.id}`)).toHaveLength(3);
    await expect(
      rollbackStudioSession({ db: handle.db, sessionId: session.id, commitHash: "0123456789abcdef" }),
    ).rejects.toMatchObject({ code: "bad_request:commitHash" });
  }, 60_000);

  it("restarts a dev server that was killed", async () => {
    const { getStudioSession } = await import("@/db/queries/studio");
    const { execFileSync } = await import("node:child_process");
    const row = (await getStudioSession({ db: handle.db, id: session.id }))!;
    // The dev server itself (in the sandbox), not the relay that publishes its port.
    const pids = execFileSync("sh", ["-c", `pgrep -f 'vite --port ${row.port}' || true`])
      .toString()
      .split("\n")
      .filter((pid) => pid && Number(pid) !== process.pid);
    expect(pids.length).toBeGreaterThan(0);
    for (const pid of pids) {
      try {
        process.kill(Number(pid), "SIGKILL");
      } catch {
        // Gone already (a shell that exec'd).
      }
    }
    const restarted = await waitFor(async () => {
      const current = await getStudioSession({ db: handle.db, id: session.id });
      return current && current.restarts >= 1 && current.status === "running" ? current : undefined;
    }, 120_000);
    expect(restarted.restarts).toBe(1);
    expect(await portAnswers(restarted.port!)).toBe(true);
  }, 180_000);

  it("lets a share link in until it expires", async () => {
    const { createPreviewShareLink } = await import("@/lib/preview-proxy/create-preview-share-link");
    const { previewShareLinks } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    const label = `studio-${session.id}`;
    const link = await createPreviewShareLink({
      db: handle.db,
      project,
      label,
      expiresInHours: 1,
      actor: { kind: "system" },
      ip: null,
    });
    const url = new URL(link.url);
    const opened = await requestThrough({ port: proxyPort, host, path: `${url.pathname}${url.search}` });
    expect(opened.status).toBe(302);
    const cookie = String(opened.headers["set-cookie"]).split(";")[0]!;
    expect((await requestThrough({ port: proxyPort, host, headers: { cookie } })).status).toBe(200);
    await handle.db
      .update(previewShareLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(previewShareLinks.id, link.id));
    const again = await requestThrough({ port: proxyPort, host, path: `${url.pathname}${url.search}` });
    expect(again.status).toBe(403);
  }, 60_000);

  it("serves a pull request's ready preview at its host name, page and assets, to the team only", async () => {
    const { spawn, execFileSync } = await import("node:child_process");
    const { insertRun } = await import("@/db/queries/runs");
    const { insertPreview } = await import("@/db/queries/previews");
    const { createOrGetOpenPullRequest } = await import("@/db/queries/pull-requests");
    const { pullRequestLabel, previewDomain } = await import("@/lib/preview-proxy/preview-address");
    const app = path.join(root, "web-app");
    fs.cpSync(path.resolve(import.meta.dirname, "../../testing/validation/fixtures/web-app"), app, { recursive: true });
    execFileSync(process.execPath, ["build.js"], { cwd: app });
    const port = await freePort();
    const server = spawn(process.execPath, ["server.js"], { cwd: app, env: { ...process.env, PORT: String(port) } });
    try {
      await waitFor(() => portAnswers(port));
      const run = await insertRun({
        db: handle.db,
        values: {
          projectId: project.id,
          source: "api",
          goal: "preview",
          baseBranch: "main",
          budget: project.settings.budget,
          state: "ready",
        },
      });
      const { pullRequest } = await createOrGetOpenPullRequest({
        db: handle.db,
        values: {
          projectId: project.id,
          runId: run.id,
          headBranch: "preview-test",
          baseBranch: "main",
          title: "t",
          body: "",
          headSha: null,
        },
      });
      await insertPreview({
        db: handle.db,
        runId: run.id,
        values: { status: "ready", port, pullRequestId: pullRequest.id, url: `http://127.0.0.1:${port}` },
      });
      const label = pullRequestLabel(pullRequest.number, project.name);
      const previewHost = `${label}.${previewDomain()}`;
      const member = { cookie: await cookieFor(memberId, label) };
      const page = await requestThrough({ port: proxyPort, host: previewHost, headers: member });
      const direct = await fetch(`http://127.0.0.1:${port}/`).then((response) => response.text());
      expect(page).toMatchObject({ status: 200, body: direct });
      const asset = await requestThrough({ port: proxyPort, host: previewHost, path: "/app.js", headers: member });
      expect(asset.status).toBe(200);
      expect(asset.headers["content-type"]).toContain("javascript");
      // A cookie for another host opens nothing here.
      const other = { cookie: await cookieFor(memberId, `studio-${session.id}`) };
      expect((await requestThrough({ port: proxyPort, host: previewHost, headers: other })).status).toBe(302);
      const outsider = { cookie: await cookieFor(outsiderId, label) };
      expect((await requestThrough({ port: proxyPort, host: previewHost, headers: outsider })).status).toBe(302);
    } finally {
      server.kill();
    }
  }, 60_000);

  it("tears down an idle session: no process, port, route or workspace left", async () => {
    const { getStudioSession } = await import("@/db/queries/studio");
    const { watchStudioSession } = await import("./watch-studio-session");
    const { studioRegistry } = await import("./studio-registry");
    const { forgetPreviewTarget } = await import("@/lib/preview-proxy/resolve-preview-target");
    const port = (await getStudioSession({ db: handle.db, id: session.id }))!.port!;
    const watched = await watchStudioSession({
      db: handle.db,
      sessionId: session.id,
      settings: { ...settings, idleMs: 1 },
      now: new Date(Date.now() + 10),
    });
    expect(watched).toMatchObject({ ended: true, status: "stopped" });
    const row = (await getStudioSession({ db: handle.db, id: session.id }))!;
    expect(row).toMatchObject({ status: "stopped", port: null });
    expect(row.statusReason).toContain("MERGELINE_STUDIO_TIMEOUT_HOURS");
    expect(studioRegistry.get(session.id)).toBeUndefined();
    expect(await portAnswers(port)).toBe(false);
    expect(fs.existsSync(path.join(root, "data", "workspaces", `studio-${session.id}`))).toBe(false);
    forgetPreviewTarget(`studio-${session.id}`);
    const gone = await requestThrough({
      port: proxyPort,
      host,
      headers: { cookie: await cookieFor(memberId, `studio-${session.id}`) },
    });
    expect(gone.status).toBe(404);
  }, 60_000);
});
