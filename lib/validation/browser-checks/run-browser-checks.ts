import { chromium, type Page } from "playwright";
import type { BrowserCheck } from "@/db/schema";
import { saveArtifact, type ValidationArtifact } from "@/lib/validation/artifacts/save-artifact";
import { chromiumLaunchOptions } from "@/lib/validation/browser-checks/chromium-launch-options";
import { logger } from "@/lib/platform/logger";

const NAVIGATION_TIMEOUT_MS = 30_000;
// After "load": time for late scripts (timers, fetches) to throw or fail.
const SETTLE_MS = 750;
const NETWORK_IDLE_MS = 5_000;
const MAX_ENTRIES = 50;
const MAX_ENTRY_CHARS = 2_000;

// Browsers ask for /favicon.ico on their own; a site without one is not broken.
const isFavicon = (url: string | undefined) => url !== undefined && /\/favicon\.ico(\?|$)/.test(url);

function screenshotName(index: number, page: string): string {
  const slug =
    page
      .replace(/[?#].*$/, "")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "root";
  return `screenshot-${index + 1}-${slug}.png`;
}

const push = (list: string[], entry: string) => {
  if (list.length < MAX_ENTRIES) list.push(entry.slice(0, MAX_ENTRY_CHARS));
};

async function checkPage(page: Page, baseUrl: string, path: string): Promise<Omit<BrowserCheck, "screenshot">> {
  const check: Omit<BrowserCheck, "screenshot"> = {
    page: path,
    status: null,
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
  };
  page.on("console", (message) => {
    if (message.type() === "error" && !isFavicon(message.location().url)) push(check.consoleErrors, message.text());
  });
  page.on("pageerror", (error) => push(check.pageErrors, error.stack ?? `${error.name}: ${error.message}`));
  page.on("requestfailed", (request) => {
    if (!isFavicon(request.url()))
      push(check.failedRequests, `${request.method()} ${request.url()}: ${request.failure()?.errorText ?? "failed"}`);
  });
  page.on("response", (response) => {
    const request = response.request();
    // The page's own status is recorded as `status`, not as a failed request.
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) return;
    if (response.status() >= 400 && !isFavicon(response.url()))
      push(check.failedRequests, `${request.method()} ${response.url()}: HTTP ${response.status()}`);
  });
  try {
    const response = await page.goto(new URL(path, baseUrl).href, {
      waitUntil: "load",
      timeout: NAVIGATION_TIMEOUT_MS,
    });
    check.status = response?.status() ?? null;
    await page.waitForLoadState("networkidle", { timeout: NETWORK_IDLE_MS }).catch(() => undefined);
    await page.waitForTimeout(SETTLE_MS);
  } catch (error) {
    push(check.failedRequests, `GET ${path}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  return check;
}

/**
 * Loads each page of the preview in Chromium and records its HTTP status, console
 * errors, uncaught page errors and failed requests (4xx/5xx or network failures), with
 * a full-page screenshot saved as a run artifact. Stops early when `signal` aborts.
 */
export async function runBrowserChecks({
  baseUrl,
  pages,
  runId,
  attempt,
  signal,
  dataDir,
}: {
  baseUrl: string;
  pages: string[];
  runId: string;
  attempt: number;
  signal?: AbortSignal;
  /** Where artifacts go; MERGELINE_DATA_DIR by default. */
  dataDir?: string;
}): Promise<{ checks: BrowserCheck[]; artifacts: ValidationArtifact[] }> {
  const checks: BrowserCheck[] = [];
  const artifacts: ValidationArtifact[] = [];
  const options = chromiumLaunchOptions();
  const browser = await chromium.launch(options).catch((error: unknown) => {
    // Not the change's fault: say what to fix on the server instead of blaming the code.
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new Error(
      `Browser checks need Chromium: ${options.executablePath} could not be launched (${reason}). Install it (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  });
  const onAbort = () => void browser.close().catch(() => undefined);
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    for (const [index, path] of pages.entries()) {
      if (signal?.aborted) break;
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const page = await context.newPage();
        const check: BrowserCheck = await checkPage(page, baseUrl, path);
        if (check.status !== null) {
          const name = screenshotName(index, path);
          const image = await page
            .screenshot({ fullPage: true, type: "png", timeout: NAVIGATION_TIMEOUT_MS })
            .catch((error: unknown) => {
              logger.warn({ err: error, page: path }, "browser check: screenshot failed");
              return null;
            });
          if (image) {
            artifacts.push(await saveArtifact({ runId, attempt, name, kind: "screenshot", data: image, dataDir }));
            check.screenshot = name;
          }
        }
        checks.push(check);
      } finally {
        await context.close().catch(() => undefined);
      }
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    await browser.close().catch(() => undefined);
  }
  return { checks, artifacts };
}
