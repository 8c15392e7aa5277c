import { access } from "node:fs/promises";
import path from "node:path";
import type { CommandResult } from "@/db/schema";
import { env as settings } from "@/lib/platform/env";
import { toCommandResult } from "@/lib/validation/to-command-result";
import { sandboxChromiumPath } from "@/lib/validation/browser-checks/sandbox-chromium-path";
import type { SandboxDriver } from "@/lib/sandbox/types";

const CONFIG_NAMES = ["ts", "js", "mjs", "cjs", "mts", "cts"].map((ext) => `playwright.config.${ext}`);
const SUITE_TIMEOUT_MS = 15 * 60_000;

export async function hasPlaywrightConfig(workspacePath: string): Promise<boolean> {
  for (const name of CONFIG_NAMES) {
    if (
      await access(path.join(/*turbopackIgnore: true*/ workspacePath, name)).then(
        () => true,
        () => false,
      )
    )
      return true;
  }
  return false;
}

/**
 * The project's own Playwright suite, when the workspace has a playwright.config.*: `npx
 * playwright test` in the sandbox against the preview. The preview's URL is passed as
 * BASE_URL, PLAYWRIGHT_BASE_URL and MERGELINE_PREVIEW_URL (the config reads one of them
 * for `use.baseURL`), the system Chromium as CHROMIUM_PATH. Null when there is no suite.
 */
export async function runProjectPlaywright({
  sandbox,
  workspacePath,
  baseUrl,
  env = {},
  redact = [],
  signal,
}: {
  sandbox: SandboxDriver;
  workspacePath: string;
  baseUrl: string;
  env?: Record<string, string>;
  redact?: string[];
  signal?: AbortSignal;
}): Promise<CommandResult | null> {
  if (!(await hasPlaywrightConfig(workspacePath))) return null;
  const result = await sandbox.run({
    command: "npx playwright test",
    cwd: workspacePath,
    env: {
      ...env,
      BASE_URL: baseUrl,
      PLAYWRIGHT_BASE_URL: baseUrl,
      MERGELINE_PREVIEW_URL: baseUrl,
      CHROMIUM_PATH: sandboxChromiumPath(settings.CHROMIUM_PATH),
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
      CI: "1",
    },
    redact,
    // The preview answers on the host's loopback, which the sandbox reaches only for the
    // ports it is given.
    network: true,
    hostPorts: [Number(new URL(baseUrl).port)],
    timeoutMs: SUITE_TIMEOUT_MS,
    signal,
  });
  return toCommandResult(result);
}
