import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, chromium } from "playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { Project } from "@/db/schema";
import { firstWebSocketMessage } from "@/testing/studio/proxy-client";
import { type StudioDevSetup, startStudioDevSetup } from "@/testing/studio/studio-dev-setup";

// `next dev` in a studio session, the way a person meets it: a real Next.js App Router app
// (next, react and react-dom from npm, installed by the project's setup in the real sandbox),
// its dev server supervised on a real port, the real preview proxy on a real HTTP server, and
// the system Chromium opening the app at its studio host name. An edit written through the
// session reaches the page by Next's hot reload (its websocket through the proxy), with no
// page reload. The preview domain is not *.localhost (which Next trusts by itself) but a
// production-like one that Chromium resolves here, and the app's next.config has no
// allowedDevOrigins: the proxy's own origin check makes that unnecessary. The Vite side of
// the same story is studio-session.db.test.ts.

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = fs.existsSync(chromiumPath);
const fixture = path.resolve(import.meta.dirname, "../../testing/studio/fixtures/next-app");
// Next 16's HMR websocket (Next 15 and older used /_next/webpack-hmr).
const HMR_PATH = "/_next/hmr";
const DOMAIN = "preview.mergeline.test";
const root = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-studio-next-"));

let setup: StudioDevSetup | undefined;
let handle: DatabaseHandle;
let project: Project;
let memberId: string;
let proxyPort: number;
let browser: Browser | undefined;

beforeAll(async () => {
  if (!hasChromium) return;
  setup = await startStudioDevSetup({
    root,
    fixture,
    name: "next-app",
    devCommand: "npm run dev -- --port $PORT --hostname 127.0.0.1",
    previewDomain: (port) => `${DOMAIN}:${port}`,
    previewPorts: "4800-4899",
  });
  ({ handle, project, memberId, proxyPort } = setup);
}, 180_000);

// Removing the workspace (next's node_modules and .next, about 420 MB) takes up to a minute on a busy disk.
afterAll(async () => {
  await browser?.close();
  await setup?.close();
  // A background copy of the setup cache may still be writing under it: rm retries on ENOTEMPTY.
  await fs.promises.rm(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}, 180_000);

describe.skipIf(!hasChromium)(`a studio session on a Next.js app (next dev; needs Chromium at ${chromiumPath})`, () => {
  it("shows the app through the proxy in a browser, hot-reloads an edit, and keeps a server showing a build error", async () => {
    const { insertStudioSession, getStudioCommits } = await import("@/db/queries/studio");
    const { bringUpStudioSession } = await import("./bring-up-studio-session");
    const { executeStudioCommand } = await import("./execute-studio-command");
    const { studioSettings } = await import("./studio-settings");
    const { studioBranch } = await import("./studio-names");
    const { studioLabel, previewDomain } = await import("@/lib/preview-proxy/preview-address");
    const { signPreviewClaims } = await import("@/lib/preview-proxy/preview-tokens");
    const { chromiumLaunchOptions } = await import("@/lib/validation/browser-checks/chromium-launch-options");
    const timings: Record<string, number> = {};
    let mark = performance.now();
    const lap = (name: string) => {
      timings[name] = Math.round(performance.now() - mark);
      mark = performance.now();
    };

    const id = crypto.randomUUID();
    await insertStudioSession({
      db: handle.db,
      projectId: project.id,
      values: { id, userId: memberId, branch: studioBranch(id), baseBranch: "main" },
    });
    // The product's own settings (readiness wait, probe timeout), checked every second.
    const settings = studioSettings({ healthIntervalMs: 1_000 });
    const started = await bringUpStudioSession({ db: handle.db, sessionId: id, settings });
    expect(started).toMatchObject({ status: "running" });
    lap("setup_and_ready_ms");

    const label = studioLabel(id);
    const host = `${label}.${previewDomain()}`;
    // Next's HMR socket, like every other request, is refused without the session's cookie.
    expect((await firstWebSocketMessage({ port: proxyPort, host, path: HMR_PATH, protocol: "" })).status).toBe(401);
    // With the cookie, but from another site's page: refused by the proxy (cross-site websocket hijacking).
    const cookie = `mergeline_preview=${signPreviewClaims({ label, subject: memberId, expiresAt: Date.now() + 60_000, use: "access" })}`;
    const hijack = await firstWebSocketMessage({
      port: proxyPort,
      host,
      path: HMR_PATH,
      protocol: "",
      headers: { cookie, origin: "http://evil.example" },
    });
    expect(hijack.status).toBe(403);

    const launch = chromiumLaunchOptions();
    // The preview domain's wildcard DNS record, as production has it.
    browser = await chromium.launch({
      ...launch,
      args: [...(launch.args ?? []), `--host-resolver-rules=MAP *.${DOMAIN} 127.0.0.1`],
    });
    const page = await browser.newPage();
    // Websockets that got a message from the app (an attempt that is refused gets none).
    const sockets: string[] = [];
    page.on("websocket", (socket) => socket.once("framereceived", () => sockets.push(new URL(socket.url()).pathname)));
    const consoleLines: string[] = [];
    page.on("console", (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    page.on("pageerror", (error) => consoleLines.push(`pageerror: ${error.message}`));
    const refused: string[] = [];
    page.on("response", (response) => {
      if (response.status() >= 400) refused.push(`${response.status()} ${response.url()}`);
    });
    const { studioRegistry } = await import("./studio-registry");
    // What the browser and the dev server saw, for a failure's message.
    const explain = () =>
      `sockets: ${JSON.stringify(sockets)}\nrefused: ${JSON.stringify(refused)}\nconsole:\n${consoleLines.join("\n")}\ndev server:\n${studioRegistry.get(id)?.log().slice(-6000)}`;
    // The handoff a signed-in member's browser gets from /api/preview-access.
    const token = signPreviewClaims({ label, subject: memberId, expiresAt: Date.now() + 60_000, use: "handoff" });
    await page.goto(`http://${host}/__mergeline/auth?token=${encodeURIComponent(token)}&next=/`);
    const greeting = page.getByTestId("greeting");
    await expect.poll(() => greeting.textContent(), { timeout: 120_000 }).toBe("Hello, studio!");
    await expect
      .poll(() => sockets.includes(HMR_PATH), { timeout: 30_000 })
      .toBe(true)
      .catch((error: Error) => {
        throw new Error(`${error.message}\n${explain()}`);
      });
    lap("first_page_ms");
    // The page's own client module marks when it first ran: its chunk can come a moment after
    // the server-rendered greeting and the HMR socket.
    const loadedAtNow = () => page.evaluate(() => (window as { __loadedAt?: number }).__loadedAt);
    await expect.poll(loadedAtNow, { timeout: 30_000 }).toBeTypeOf("number");
    const loadedAt = await loadedAtNow();

    const written = await executeStudioCommand({
      db: handle.db,
      sessionId: id,
      input: {
        command: "write_file",
        filePath: "app/greeting-text.js",
        content: 'export function greetingText(name) {\n  return "Welcome, " + name + "!";\n}\n',
        description: "Welcome instead of hello",
      },
    });
    expect(written.commitHash).toMatch(/^[0-9a-f]{40}$/);
    await expect.poll(() => greeting.textContent(), { timeout: 60_000 }).toBe("Welcome, studio!");
    lap("edit_to_screen_ms");
    // Hot reload, not a page reload.
    expect(await page.evaluate(() => (window as { __loadedAt?: number }).__loadedAt)).toBe(loadedAt);
    expect(refused).toEqual([]);

    // An edit that breaks the app: `next dev` answers 500 with the error, and the health
    // checks take that for what it is (a server showing an error), not for a hang to restart.
    const write = (content: string, description: string) =>
      executeStudioCommand({
        db: handle.db,
        sessionId: id,
        input: { command: "write_file", filePath: "app/greeting-text.js", content, description },
      });
    await write('export function greetingText(name) {\n  return "Oops, " + name;\n}}\n', "A stray brace");
    const errorAnswers = () =>
      (
        studioRegistry
          .get(id)
          ?.log()
          .match(/GET \/ 500/g) ?? []
      ).length;
    await expect.poll(errorAnswers, { timeout: 60_000 }).toBeGreaterThan(settings.hangChecks);
    await write('export function greetingText(name) {\n  return "Hi, " + name + "!";\n}\n', "Say hi");
    await expect.poll(() => greeting.textContent(), { timeout: 60_000 }).toBe("Hi, studio!");
    lap("broken_and_fixed_ms");

    const history = await getStudioCommits({ db: handle.db, sessionId: id });
    expect(history.map((commit) => commit.kind)).toEqual(["start", "write", "write", "write"]);
    const { getStudioSession } = await import("@/db/queries/studio");
    expect(await getStudioSession({ db: handle.db, id })).toMatchObject({ status: "running", restarts: 0 });
    console.info(`studio next dev timings: ${JSON.stringify(timings)}`);
  }, 600_000);
});
