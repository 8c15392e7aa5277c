import type { Database } from "@/db/client";
import { getLivePreviewPorts, getPreviewById, insertPreview, updatePreview } from "@/db/queries/previews";
import { getLiveStudioPorts } from "@/db/queries/studio";
import type { Preview } from "@/db/schema";
import { instanceId } from "@/lib/instances/instance-id";
import { logger } from "@/lib/platform/logger";
import { allocatePort } from "@/lib/validation/preview/allocate-port";
import { launchPreview } from "@/lib/validation/preview/launch-preview";
import { previewRegistry } from "@/lib/validation/preview/preview-registry";
import { type PreviewSettings, previewSettings } from "@/lib/validation/preview/preview-settings";
import type { RunningService } from "@/lib/sandbox/start-service";
import type { SandboxDriver, SandboxResult } from "@/lib/sandbox/types";

export type StartedPreview = {
  ok: boolean;
  /** The row as it is after the start (ready, failed or stopped). */
  preview: Preview;
  /** Why it is not up (failed or cancelled). */
  message?: string;
  cancelled?: boolean;
  /** Output of every instance that has ended so far (crashes, failed starts). */
  log: () => string;
};

const MAX_LOG_CHARS = 512 * 1024;

function describeEnd(result: SandboxResult): string {
  if (result.cancelled) return "was stopped";
  if (result.timedOut) return "reached its maximum lifetime";
  return result.exitCode !== null
    ? `exited with code ${result.exitCode}`
    : `was killed by ${result.signal ?? "a signal"}`;
}

/**
 * Starts the project's preview for a validated head: a port from the range, the command
 * in the sandbox with PORT set, a health check of the first page. A crash (before or
 * after it is ready) restarts it on the same port, up to `maxRestarts` times; then it is
 * given up (status failed, lastError says why). A start that never answers fails at once.
 * While up it is watched: stopped when its row is marked stopped (by stop-preview, the
 * reaper, the next attempt), when idle, or when the run is cancelled (`signal`).
 */
export async function startPreview({
  db,
  sandbox,
  runId,
  attempt,
  headSha,
  pullRequestId,
  cwd,
  command,
  firstPage = "/",
  env = {},
  redact = [],
  signal,
  settings = previewSettings(),
  cleanup,
}: {
  db: Database;
  sandbox: SandboxDriver;
  runId: string;
  attempt: number;
  headSha?: string;
  pullRequestId?: string | null;
  cwd: string;
  command: string;
  firstPage?: string;
  env?: Record<string, string>;
  redact?: string[];
  signal?: AbortSignal;
  settings?: PreviewSettings;
  /** Runs once the preview has stopped or failed for good (e.g. removes its directory). */
  cleanup?: () => Promise<void>;
}): Promise<StartedPreview> {
  const created = await insertPreview({
    db,
    runId,
    values: { attempt, headSha, pullRequestId: pullRequestId ?? null, status: "starting", instance: instanceId() },
  });
  const id = created.id;
  // Studio sessions' dev servers take ports from the same range.
  const lease = await allocatePort({
    taken: [...(await getLivePreviewPorts({ db })), ...(await getLiveStudioPorts({ db }))],
  });
  const url = `http://127.0.0.1:${lease.port}`;
  await updatePreview({ db, id, values: { port: lease.port, url } });

  const outputs: string[] = [];
  const log = () => outputs.join("\n").slice(-MAX_LOG_CHARS);
  const record = (result: SandboxResult, what: string) =>
    outputs.push(
      `--- ${what}: \`${result.command}\` ${describeEnd(result)} after ${Math.round(result.durationMs / 1000)} s ---\n${result.output}`,
    );
  let restarts = 0;
  let stopping: string | null = null;
  let current: RunningService | null = null;
  let watcher: NodeJS.Timeout | undefined;

  const finish = async (values: Partial<Preview>) => {
    clearInterval(watcher);
    lease.release();
    previewRegistry.remove(id);
    await cleanup?.().catch((error: unknown) => logger.warn({ err: error, previewId: id }, "preview cleanup failed"));
    return (await updatePreview({ db, id, values: { ...values, stoppedAt: new Date() } }))!;
  };

  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = reason;
    const service = current;
    if (service) await service.stop();
    const row = await getPreviewById({ db, id });
    // A row already marked stopped or failed elsewhere keeps its reason.
    if (row && row.status !== "stopped" && row.status !== "failed")
      await finish({ status: "stopped", lastError: reason });
    else await finish({});
    logger.info({ runId, previewId: id, reason }, "preview stopped");
  };

  // Launches until one instance is healthy, restarting after crashes within the budget.
  const launchUntilReady = async (): Promise<
    { ok: true; service: RunningService } | { ok: false; message: string; cancelled?: boolean }
  > => {
    for (;;) {
      const launched = await launchPreview({
        sandbox,
        command,
        cwd,
        port: lease.port,
        firstPage,
        env,
        redact,
        readyTimeoutMs: settings.readyTimeoutMs,
        signal,
      });
      if (launched.ok) return { ok: true, service: launched.service };
      record(launched.result, restarts === 0 ? "start" : `restart ${restarts}`);
      if (launched.reason === "cancelled" || signal?.aborted || stopping)
        return { ok: false, message: "The preview was stopped while it started.", cancelled: true };
      if (launched.reason === "timeout") return { ok: false, message: launched.message };
      if (restarts >= settings.maxRestarts) {
        return {
          ok: false,
          message: `${launched.message} Gave up after ${restarts} restart${restarts === 1 ? "" : "s"} (MERGELINE_PREVIEW_MAX_RESTARTS=${settings.maxRestarts}).`,
        };
      }
      restarts += 1;
      await updatePreview({ db, id, values: { status: "crashed", restarts, lastError: launched.message } });
      logger.warn(
        { runId, previewId: id, restarts, reason: launched.message },
        "preview crashed while starting; restarting",
      );
    }
  };

  const supervise = (service: RunningService) => {
    current = service;
    void service.exited
      .then(async (result) => {
        if (stopping) return;
        if (result.cancelled || signal?.aborted) return stop("The run was cancelled.");
        record(result, restarts === 0 ? "run" : `run after restart ${restarts}`);
        const crash = `The preview command \`${result.command}\` ${describeEnd(result)} while it was serving.`;
        if (restarts >= settings.maxRestarts) {
          current = null;
          stopping = "failed";
          await finish({
            status: "failed",
            lastError: `${crash} Gave up after ${restarts} restart${restarts === 1 ? "" : "s"} (MERGELINE_PREVIEW_MAX_RESTARTS=${settings.maxRestarts}).`,
          });
          logger.warn({ runId, previewId: id, restarts }, "preview kept crashing; given up");
          return;
        }
        restarts += 1;
        await updatePreview({ db, id, values: { status: "crashed", restarts, lastError: crash } });
        logger.warn({ runId, previewId: id, restarts }, "preview crashed; restarting");
        const again = await launchUntilReady();
        if (stopping) return void (again.ok && again.service.stop());
        if (again.ok) {
          await updatePreview({ db, id, values: { status: "ready", restarts } });
          supervise(again.service);
        } else {
          stopping = "failed";
          await finish({ status: again.cancelled ? "stopped" : "failed", restarts, lastError: again.message });
        }
      })
      .catch((error: unknown) => logger.error({ err: error, previewId: id }, "preview supervision failed"));
  };

  previewRegistry.add({ id, runId, startedAt: created.startedAt, stop });
  const first = await launchUntilReady();
  if (!first.ok) {
    stopping = "failed";
    const preview = await finish({
      status: first.cancelled ? "stopped" : "failed",
      restarts,
      lastError: first.message,
    });
    return { ok: false, preview, message: first.message, cancelled: first.cancelled, log };
  }
  const preview = (await updatePreview({ db, id, values: { status: "ready", restarts } }))!;
  supervise(first.service);
  watcher = setInterval(() => {
    void getPreviewById({ db, id })
      .then((row) => {
        if (stopping) return;
        if (!row || row.status === "stopped" || row.status === "failed")
          return stop(row?.lastError ?? "The preview's row is gone.");
        if (Date.now() - row.updatedAt.getTime() > settings.idleMs) {
          return stop(
            `Stopped after ${Math.round(settings.idleMs / 60_000)} min without use (MERGELINE_PREVIEW_IDLE_MINUTES).`,
          );
        }
      })
      .catch((error: unknown) => logger.warn({ err: error, previewId: id }, "preview watch failed"));
  }, settings.watchMs);
  watcher.unref();
  logger.info({ runId, previewId: id, url, restarts }, "preview ready");
  return { ok: true, preview, log };
}
