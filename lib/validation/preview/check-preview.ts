import { cp, rm } from "node:fs/promises";
import path from "node:path";
import type { Database } from "@/db/client";
import { getPreviewById, updatePreview } from "@/db/queries/previews";
import type { BrowserCheck, CommandResult, Preview } from "@/db/schema";
import { env as settingsEnv } from "@/lib/platform/env";
import { saveArtifact, type ValidationArtifact } from "@/lib/validation/artifacts/save-artifact";
import { browserCheckPassed } from "@/lib/validation/browser-checks/browser-check-passed";
import { runBrowserChecks } from "@/lib/validation/browser-checks/run-browser-checks";
import { runProjectPlaywright } from "@/lib/validation/browser-checks/run-project-playwright";
import { type PreviewSettings, previewSettings } from "@/lib/validation/preview/preview-settings";
import { startPreview } from "@/lib/validation/preview/start-preview";
import type { SandboxDriver } from "@/lib/sandbox/types";

export type PreviewCheck = {
  preview: Preview;
  status: "passed" | "failed" | "cancelled";
  previewLog: string;
  browserChecks: BrowserCheck[];
  /** The project's own Playwright suite, when it has one. */
  playwright: CommandResult | null;
  artifacts: ValidationArtifact[];
};

/**
 * The preview part of a validation: start the preview of the workspace's head, load
 * every page in Chromium (status, errors, screenshot), run the project's own Playwright
 * suite against it, and keep the preview's log. The preview stays up for reviewers.
 */
export async function checkPreview({
  db,
  sandbox,
  runId,
  attempt,
  headSha,
  pullRequestId,
  workspacePath,
  command,
  pages,
  env = {},
  redact = [],
  signal,
  settings = previewSettings(),
}: {
  db: Database;
  sandbox: SandboxDriver;
  runId: string;
  attempt: number;
  headSha?: string;
  pullRequestId?: string | null;
  workspacePath: string;
  command: string;
  pages: string[];
  env?: Record<string, string>;
  redact?: string[];
  signal?: AbortSignal;
  settings?: PreviewSettings;
}): Promise<PreviewCheck> {
  // The preview runs from its own copy: the run's workspace is remade by the next coding
  // attempt while reviewers may still be looking at this one.
  const dir = path.join(settingsEnv.dataDir, "previews", `${runId}-${attempt}`);
  await rm(dir, { recursive: true, force: true });
  await cp(workspacePath, dir, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => path.basename(source) !== ".git",
  });
  const started = await startPreview({
    db,
    sandbox,
    runId,
    attempt,
    headSha,
    pullRequestId,
    cwd: dir,
    command,
    firstPage: pages[0] ?? "/",
    env,
    redact,
    signal,
    settings,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  });
  const artifacts: ValidationArtifact[] = [];
  let browserChecks: BrowserCheck[] = [];
  let playwright: CommandResult | null = null;
  if (started.ok && !signal?.aborted) {
    const browser = await runBrowserChecks({ baseUrl: started.preview.url!, pages, runId, attempt, signal });
    browserChecks = browser.checks;
    artifacts.push(...browser.artifacts);
    // Being checked is use: it keeps the idle timer from stopping it meanwhile.
    await updatePreview({ db, id: started.preview.id, values: { updatedAt: new Date() } });
    if (!signal?.aborted)
      playwright = await runProjectPlaywright({
        sandbox,
        workspacePath: dir,
        baseUrl: started.preview.url!,
        env,
        redact,
        signal,
      });
    if (playwright) {
      artifacts.push(
        await saveArtifact({ runId, attempt, name: "playwright.log", kind: "log", data: playwright.output }),
      );
      await updatePreview({ db, id: started.preview.id, values: { updatedAt: new Date() } });
    }
  }
  const previewLog = started.log();
  if (previewLog.trim())
    artifacts.push(await saveArtifact({ runId, attempt, name: "preview.log", kind: "log", data: previewLog }));
  const preview = (await getPreviewById({ db, id: started.preview.id })) ?? started.preview;
  const cancelled = Boolean(started.cancelled || signal?.aborted);
  const failed =
    !started.ok ||
    browserChecks.some((check) => !browserCheckPassed(check)) ||
    (playwright !== null && playwright.exitCode !== 0);
  return {
    preview,
    status: cancelled ? "cancelled" : failed ? "failed" : "passed",
    previewLog,
    browserChecks,
    playwright,
    artifacts,
  };
}
