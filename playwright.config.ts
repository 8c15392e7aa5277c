import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { admin, adminStorageState } from "./e2e/accounts";

// The e2e suite runs the real product: `npm start` on a data dir of its own, on ports
// of its own, with the system Chromium (no browser download).
const dataDir = (process.env.MERGELINE_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-e2e-")));
const port = Number((process.env.MERGELINE_E2E_PORT ??= "3400"));
const realtimePort = port + 1;
export const baseURL = `http://127.0.0.1:${port}`;

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "reports/e2e.json" }]] : "list",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // "setup" signs in through the real sign-in form once; every other test starts signed
  // in from its browser state unless it clears it (e2e/auth.spec.ts does).
  projects: [
    { name: "setup", testMatch: "**/auth.setup.ts", use: { ...devices["Desktop Chrome"], channel: undefined } },
    {
      name: "desktop",
      use: { ...devices["Desktop Chrome"], channel: undefined, storageState: adminStorageState(dataDir) },
      dependencies: ["setup"],
    },
    {
      name: "phone",
      use: { ...devices["Pixel 7"], channel: undefined, storageState: adminStorageState(dataDir) },
      testMatch: ["**/dashboard.spec.ts", "**/auth.spec.ts"],
      dependencies: ["setup"],
    },
  ],
  webServer: {
    command: "npm start",
    url: `${baseURL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      MERGELINE_DATA_DIR: dataDir,
      PORT: String(port),
      REALTIME_PORT: String(realtimePort),
      INNGEST_PORT: String(port + 2),
      LOG_LEVEL: "warn",
      MERGELINE_ADMIN_EMAIL: admin.email,
      MERGELINE_ADMIN_PASSWORD: admin.password,
      // Notification specs deliver to receivers the test starts on loopback.
      MERGELINE_ALLOW_PRIVATE_WEBHOOKS: "true",
      // CLI coding agents (e2e/agents.spec.ts) from the tests' shared install, not a new one per suite.
      MERGELINE_AGENT_TOOLS_DIR: path.join(os.tmpdir(), "mergeline-agent-tools-cache"),
    },
  },
});
