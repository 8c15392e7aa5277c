import type { SandboxResult, SandboxDriver } from "@/lib/sandbox/types";
import { type RunningService, startService } from "@/lib/sandbox/start-service";
import { waitForHealthy } from "@/lib/validation/preview/wait-for-healthy";

export type LaunchedPreview =
  | { ok: true; service: RunningService; url: string; readyMs: number }
  | { ok: false; reason: "exited" | "timeout" | "cancelled"; message: string; result: SandboxResult };

const MAX_PREVIEW_OUTPUT = 256 * 1024;

/**
 * Starts the preview command once in the sandbox with PORT set, and waits until its
 * first page answers 2xx/3xx (any status with `readyOnAnyStatus`) on 127.0.0.1:PORT. The command gets the network (the outside
 * world, never the host's loopback) and its port is published: what it serves on
 * 127.0.0.1:PORT inside the sandbox answers on the host's 127.0.0.1:PORT, where the health
 * check, the browser and the preview proxy are. On failure the process tree is gone and
 * `result` holds its output.
 */
export async function launchPreview({
  sandbox,
  command,
  cwd,
  port,
  firstPage = "/",
  env = {},
  redact = [],
  readyTimeoutMs,
  signal,
  onOutput,
  readyOnAnyStatus = false,
}: {
  sandbox: SandboxDriver;
  command: string;
  cwd: string;
  port: number;
  firstPage?: string;
  env?: Record<string, string>;
  redact?: string[];
  readyTimeoutMs: number;
  signal?: AbortSignal;
  /** The output as it arrives, redacted (a studio dev server's live log). */
  onOutput?: (text: string) => void;
  /** Ready once the first page answers at all (a studio dev server), not only with 2xx/3xx. */
  readyOnAnyStatus?: boolean;
}): Promise<LaunchedPreview> {
  const started = performance.now();
  const url = `http://127.0.0.1:${port}`;
  const service = startService(sandbox, {
    command,
    cwd,
    env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
    redact,
    onOutput,
    network: true,
    publishedPorts: [port],
    maxOutputBytes: MAX_PREVIEW_OUTPUT,
    signal,
  });
  const health = await waitForHealthy({
    url: `${url}${firstPage}`,
    timeoutMs: readyTimeoutMs,
    exited: service.exited,
    signal,
    anyStatus: readyOnAnyStatus,
  });
  if (health.ok) return { ok: true, service, url, readyMs: performance.now() - started };
  const result = await service.stop();
  const seconds = Math.round(readyTimeoutMs / 1000);
  const message =
    health.reason === "exited"
      ? `The preview command \`${result.command}\` ${result.exitCode !== null ? `exited with code ${result.exitCode}` : `was killed by ${result.signal ?? "a signal"}`} before ${firstPage} answered.`
      : health.reason === "timeout"
        ? `The preview did not answer GET ${firstPage}${readyOnAnyStatus ? "" : " with 2xx/3xx"} within ${seconds} s (${health.lastProblem}).`
        : "The preview was cancelled while it started.";
  return { ok: false, reason: health.reason, message, result };
}
