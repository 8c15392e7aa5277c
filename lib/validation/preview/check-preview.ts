import type { Database } from "@/db/client";
import { getPreviewById, updatePreview } from "@/db/queries/previews";
import type { BrowserCheck, Preview } from "@/db/schema";
import { env as settingsEnv } from "@/lib/platform/env";
import { saveArtifact, type ValidationArtifact } from "@/lib/validation/artifacts/save-artifact";
import { browserCheckPassed } from "@/lib/validation/browser-checks/browser-check-passed";
import { runBrowserChecks } from "@/lib/validation/browser-checks/run-browser-checks";
import { type PreviewSettings, previewSettings } from "@/lib/validation/preview/preview-settings";
import { startPreview } from "@/lib/validation/preview/start-preview";
import type { SandboxDriver } from "@/lib/sandbox/types";
import { copyWorkspace } from "@/lib/workspaces/copy-workspace";
import { previewCopyPath } from "@/lib/workspaces/paths";
import { removeWorkspaceDir } from "@/lib/workspaces/remove-workspace-dir";

export type PreviewCheck = {
  preview: Preview;
  status: "passed" | "failed" | "cancelled";
  previewLog: string;
  browserChecks: BrowserCheck[];
  artifacts: ValidationArtifact[];
};

/** Where an attempt's preview runs from: a copy of the attempt's checkout. */
export const previewDir = (runId: string, attempt: number) => previewCopyPath(settingsEnv.dataDir, runId, attempt);

/**
 * The preview part of a validation: start the preview of the workspace's head, load
 * every page in Chromium (status, errors, screenshot), and keep the preview's log. The
 * preview stays up for reviewers (and for the project's own Playwright suite, which runs
 * against it in a step of its own).
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
  const dir = previewDir(runId, attempt);
  // A worktree of the run's mirror, so git works in the copy as in the workspace.
  await copyWorkspace({ source: workspacePath, target: dir, dataDir: settingsEnv.dataDir });
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
    cleanup: () => removeWorkspaceDir({ dataDir: settingsEnv.dataDir, dir }),
  });
  const artifacts: ValidationArtifact[] = [];
  let browserChecks: BrowserCheck[] = [];
  if (started.ok && !signal?.aborted) {
    const browser = await runBrowserChecks({ baseUrl: started.preview.url!, pages, runId, attempt, signal });
    browserChecks = browser.checks;
    artifacts.push(...browser.artifacts);
    // Being checked is use: it keeps the idle timer from stopping it meanwhile.
    await updatePreview({ db, id: started.preview.id, values: { updatedAt: new Date() } });
  }
  const previewLog = started.log();
  if (previewLog.trim())
    artifacts.push(await saveArtifact({ runId, attempt, name: "preview.log", kind: "log", data: previewLog }));
  const preview = (await getPreviewById({ db, id: started.preview.id })) ?? started.preview;
  const cancelled = Boolean(started.cancelled || signal?.aborted);
  const failed = !started.ok || browserChecks.some((check) => !browserCheckPassed(check));
  return {
    preview,
    status: cancelled ? "cancelled" : failed ? "failed" : "passed",
    previewLog,
    browserChecks,
    artifacts,
  };
}
