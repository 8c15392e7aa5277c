import { stat } from "node:fs/promises";
import type { Database } from "@/db/client";
import { getPreviewsByRunId, updatePreview } from "@/db/queries/previews";
import type { CommandResult } from "@/db/schema";
import { env } from "@/lib/platform/env";
import type { SandboxDriver } from "@/lib/sandbox/types";
import { removeWorkspaceDir } from "@/lib/workspaces/remove-workspace-dir";
import { saveArtifact, type ValidationArtifact } from "@/lib/validation/artifacts/save-artifact";
import { commandEvidence } from "@/lib/validation/command-evidence";
import { hasPlaywrightConfig, runProjectPlaywright } from "@/lib/validation/browser-checks/run-project-playwright";
import { previewDir } from "@/lib/validation/preview/check-preview";
import { previewRegistry } from "@/lib/validation/preview/preview-registry";
import { previewSettings } from "@/lib/validation/preview/preview-settings";
import { startPreview } from "@/lib/validation/preview/start-preview";

export type PlaywrightCheck = { result: CommandResult | null; artifacts: ValidationArtifact[] };

const exists = (target: string) =>
  stat(target).then(
    () => true,
    () => false,
  );

/** The address of the attempt's preview, started again from its copy when this process no longer runs it. */
async function livePreviewUrl(input: {
  db: Database;
  sandbox: SandboxDriver;
  runId: string;
  attempt: number;
  command: string;
  env: Record<string, string>;
  redact: string[];
  signal?: AbortSignal;
}): Promise<{ url: string; id: string } | null> {
  const { db, runId, attempt } = input;
  const rows = (await getPreviewsByRunId({ db, runId })).filter((row) => row.attempt === attempt);
  const live = rows.find((row) => row.status === "ready" && row.url && previewRegistry.get(row.id));
  if (live) return { url: live.url!, id: live.id };
  // A restart of Mergeline between the preview step and this one took the preview's process with it.
  const dir = previewDir(runId, attempt);
  if (!(await exists(dir))) return null;
  const started = await startPreview({
    db,
    sandbox: input.sandbox,
    runId,
    attempt,
    headSha: rows.at(-1)?.headSha ?? undefined,
    pullRequestId: rows.at(-1)?.pullRequestId ?? null,
    cwd: dir,
    command: input.command,
    env: input.env,
    redact: input.redact,
    signal: input.signal,
    settings: previewSettings(),
    cleanup: () => removeWorkspaceDir({ dataDir: env.dataDir, dir }),
  });
  return started.ok && started.preview.url ? { url: started.preview.url, id: started.preview.id } : null;
}

/**
 * The project's own Playwright suite (when the repository has a playwright.config.*) against
 * the attempt's live preview, from the preview's copy of the checkout. Null result when the
 * project has no suite; a failed result when the preview is gone.
 */
export async function checkPreviewPlaywright(input: {
  db: Database;
  sandbox: SandboxDriver;
  runId: string;
  attempt: number;
  command: string;
  env?: Record<string, string>;
  redact?: string[];
  signal?: AbortSignal;
}): Promise<PlaywrightCheck> {
  const { db, sandbox, runId, attempt, env: commandEnv = {}, redact = [], signal } = input;
  const dir = previewDir(runId, attempt);
  if (!(await hasPlaywrightConfig(dir))) return { result: null, artifacts: [] };
  const preview = await livePreviewUrl({ ...input, env: commandEnv, redact });
  if (!preview) {
    return {
      result: {
        command: "npx playwright test",
        exitCode: null,
        durationMs: 0,
        output: "The attempt's preview is not running, so the project's Playwright suite could not run against it.",
      },
      artifacts: [],
    };
  }
  const startedAt = Date.now();
  const ran = await runProjectPlaywright({
    sandbox,
    workspacePath: dir,
    baseUrl: preview.url,
    env: commandEnv,
    redact,
    signal,
  });
  if (!ran) return { result: null, artifacts: [] };
  const evidence = await commandEvidence({ result: ran, workspacePath: dir, startedAt });
  const result = evidence ? { ...ran, evidence } : ran;
  await updatePreview({ db, id: preview.id, values: { updatedAt: new Date() } });
  const log = await saveArtifact({ runId, attempt, name: "playwright.log", kind: "log", data: result.output });
  return { result, artifacts: [log] };
}
