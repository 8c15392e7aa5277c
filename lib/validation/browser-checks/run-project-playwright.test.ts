import fs from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSandbox } from "@/lib/sandbox";
import { runProjectPlaywright } from "./run-project-playwright";

// A project with its own Playwright suite, run for real in the sandbox against a page
// served on loopback. The project's node_modules gets a copy of this repository's
// Playwright (as `npm ci` would install it), since the sandbox sees only the workspace.
const root = path.resolve(import.meta.dirname, "../../..");
let server: Server;
let baseUrl: string;
const dirs: string[] = [];

function project(spec: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-pw-project-"));
  dirs.push(dir);
  for (const pkg of ["@playwright/test", "playwright", "playwright-core"]) {
    fs.cpSync(path.join(root, "node_modules", pkg), path.join(dir, "node_modules", pkg), { recursive: true });
  }
  fs.mkdirSync(path.join(dir, "node_modules/.bin"));
  fs.symlinkSync("../@playwright/test/cli.js", path.join(dir, "node_modules/.bin/playwright"));
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "pw-project", private: true, type: "module" }),
  );
  fs.writeFileSync(
    path.join(dir, "playwright.config.mjs"),
    `import { defineConfig } from "@playwright/test";
export default defineConfig({
  testDir: "e2e",
  reporter: "list",
  use: {
    baseURL: process.env.PLAYWRIGHT_BASE_URL,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] },
  },
});
`,
  );
  fs.mkdirSync(path.join(dir, "e2e"));
  fs.writeFileSync(path.join(dir, "e2e/home.spec.mjs"), spec);
  return dir;
}

beforeAll(async () => {
  server = createServer((_req, res) =>
    res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>home</title><h1>Welcome</h1>"),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("runProjectPlaywright", () => {
  it("runs the project's suite against the preview's URL and records it like a test command", async () => {
    const passing = project(`import { test, expect } from "@playwright/test";
test("home page greets", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Welcome" })).toBeVisible();
});
`);
    const passed = await runProjectPlaywright({ sandbox: getSandbox(), workspacePath: passing, baseUrl });
    expect(passed?.output).toMatch(/1 passed/);
    expect(passed).toMatchObject({ command: "npx playwright test", exitCode: 0 });

    const failing = project(`import { test, expect } from "@playwright/test";
test("home page says goodbye", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Goodbye" })).toBeVisible({ timeout: 1000 });
});
`);
    const failed = await runProjectPlaywright({ sandbox: getSandbox(), workspacePath: failing, baseUrl });
    expect(failed!.exitCode).not.toBe(0);
    expect(failed!.output).toContain("home page says goodbye");
  }, 180_000);

  it("is skipped when the project has no Playwright config", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-pw-none-"));
    dirs.push(dir);
    expect(await runProjectPlaywright({ sandbox: getSandbox(), workspacePath: dir, baseUrl })).toBeNull();
  });
});
