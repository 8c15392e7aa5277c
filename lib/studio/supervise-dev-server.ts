import type { RunningService } from "@/lib/sandbox/start-service";
import type { SandboxDriver } from "@/lib/sandbox/types";
import { logger } from "@/lib/platform/logger";
import { launchPreview } from "@/lib/validation/preview/launch-preview";
import type { StudioSettings } from "@/lib/studio/studio-settings";

const MAX_LOG_CHARS = 256 * 1024;

export type DevServerEvents = {
  /** Output as it arrives, redacted. */
  onLog?: (text: string) => void;
  /** The server died or hung and is being started again (`restarts` counts this one). */
  onRestarting?: (restarts: number, reason: string) => Promise<void> | void;
  /** A (re)started server answers again. */
  onRunning?: (restarts: number) => Promise<void> | void;
  /** Restarts are spent, or a start never answered: the server is gone for good. */
  onFailed?: (reason: string) => Promise<void> | void;
};

export type DevServer = {
  port: number;
  log: () => string;
  /** Whether it is still supervised (up, or being restarted). */
  running: () => boolean;
  restarts: () => number;
  /** Kills the process tree and starts it again (counted like a crash). */
  restart: (reason: string) => Promise<void>;
  /** Stops it for good. */
  stop: () => Promise<void>;
};

/**
 * Whether the server answers HTTP at all. Any status counts: after an edit that breaks the
 * app, `next dev` answers 500 with the error (Vite still serves its page); restarting the
 * server would not fix the code, and the person needs the error on the page to fix it.
 */
async function answers(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

/**
 * A studio session's dev server in the sandbox on `port` (published to the host's
 * 127.0.0.1), watched every few seconds: an exit, or `hangChecks` probes in a row without
 * an answer (any HTTP status is one; a probe waits `probeTimeoutMs`), restarts it on the same port, up to `maxRestarts` times in the session's
 * life; then it is given up (onFailed). Resolves once the first start answers, or with
 * the reason it did not.
 */
export async function superviseDevServer({
  sandbox,
  command,
  cwd,
  port,
  env,
  redact,
  settings,
  restartsSoFar = 0,
  events = {},
}: {
  sandbox: SandboxDriver;
  command: string;
  cwd: string;
  port: number;
  env: Record<string, string>;
  redact: string[];
  settings: StudioSettings;
  /** Restarts the session already had (a session resumed after a Mergeline restart). */
  restartsSoFar?: number;
  events?: DevServerEvents;
}): Promise<{ ok: true; server: DevServer } | { ok: false; message: string; log: string }> {
  let output = "";
  const onOutput = (text: string) => {
    output = (output + text).slice(-MAX_LOG_CHARS);
    events.onLog?.(text);
  };
  let restarts = restartsSoFar;
  let current: RunningService | null = null;
  let stopped = false;
  let busy = false;
  let probing = false;
  let misses = 0;
  let timer: NodeJS.Timeout | undefined;

  const launch = async () => {
    const launched = await launchPreview({
      sandbox,
      command,
      cwd,
      port,
      env,
      redact,
      readyTimeoutMs: settings.readyTimeoutMs,
      onOutput,
      // Up is up: a start (or a restart) on code with an error shows that error, not a failed session.
      readyOnAnyStatus: true,
    });
    if (!launched.ok) return { ok: false as const, message: launched.message };
    const service = launched.service;
    current = service;
    misses = 0;
    // An exit is acted on at once; the periodic probe catches hangs.
    void service.exited.then((result) => {
      if (stopped || current !== service || busy) return;
      const how = result.exitCode !== null ? `with code ${result.exitCode}` : `on ${result.signal ?? "a signal"}`;
      void restart(`The dev server exited ${how}.`);
    });
    return { ok: true as const };
  };

  const giveUp = async (reason: string) => {
    stopped = true;
    clearInterval(timer);
    await current?.stop();
    current = null;
    await events.onFailed?.(reason);
  };

  // Restarts after a crash or hang, within the budget; each failed start counts too.
  const restart = async (reason: string) => {
    if (stopped || busy) return;
    busy = true;
    try {
      await current?.stop();
      current = null;
      for (;;) {
        if (stopped) return;
        if (restarts >= settings.maxRestarts) {
          return await giveUp(
            `${reason} Gave up after ${restarts} restart${restarts === 1 ? "" : "s"} (MERGELINE_STUDIO_MAX_RESTARTS=${settings.maxRestarts}).`,
          );
        }
        restarts += 1;
        await events.onRestarting?.(restarts, reason);
        logger.warn({ port, restarts, reason }, "studio: restarting the dev server");
        const again = await launch();
        if (stopped) {
          await (current as RunningService | null)?.stop();
          return;
        }
        if (again.ok) return void (await events.onRunning?.(restarts));
        reason = again.message;
      }
    } finally {
      busy = false;
    }
  };

  const first = await launch();
  if (!first.ok) return { ok: false, message: first.message, log: output };

  timer = setInterval(() => {
    if (stopped || busy || !current) return;
    const service = current;
    if (!service.running()) {
      void restart("The dev server exited.");
      return;
    }
    // One probe at a time: probes piling up behind a compile would all miss at once.
    if (probing) return;
    probing = true;
    void answers(`http://127.0.0.1:${port}/`, settings.probeTimeoutMs).then((ok) => {
      probing = false;
      if (stopped || busy || current !== service) return;
      misses = ok ? 0 : misses + 1;
      if (misses >= settings.hangChecks)
        void restart(`The dev server stopped answering (${misses} checks in a row over ${port}).`);
    });
  }, settings.healthIntervalMs);
  timer.unref();

  return {
    ok: true,
    server: {
      port,
      log: () => output,
      // Supervised: up, or being restarted; false once stopped or given up.
      running: () => !stopped,
      restarts: () => restarts,
      restart: (reason) => restart(reason),
      stop: async () => {
        stopped = true;
        clearInterval(timer);
        await current?.stop();
        current = null;
      },
    },
  };
}
