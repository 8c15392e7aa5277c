import type { Logger } from "pino";
import type { Clock } from "./clock";
import type { Registry } from "./registry";

export type AppReachability = {
  /** Apps whose calls are held: not answering, and not for longer than the limit. */
  blockedApps(): string[];
  /** Since when the app has not answered (epoch ms), or null while it answers. */
  downSince(appId: string): number | null;
  /** A call could not reach the app: hold its calls and probe it until it answers. */
  markDown(appId: string): void;
  /** The app answered (a sync, a probe): release its calls. */
  markUp(appId: string): void;
  /** Holds every known app until it answers: after a restart the app may still be starting. */
  start(): void;
  stop(): void;
};

export type AppReachabilityOptions = {
  registry: Registry;
  clock: Clock;
  logger: Logger;
  /** Past this, an app's calls go through again and count as failed attempts. */
  limitMs: number;
  /** Probe backoff: first wait, doubling up to max. */
  probeMs?: { first: number; max: number };
  /** Called when an app answers again (the scheduler looks for its held calls). */
  onUp(): void;
};

const PROBE_TIMEOUT_MS = 5_000;

/**
 * Which apps answer. A call that cannot reach an app (refused, reset, no answer in time)
 * is no failure of the function: the app is down or restarting. Its calls are then held
 * (the scheduler skips them, no attempt is counted) and the app's SDK endpoint is probed
 * with GET (the SDK's introspection, answered without a signature) until it answers.
 */
export function createAppReachability({
  registry,
  clock,
  logger,
  limitMs,
  probeMs = { first: 250, max: 2_000 },
  onUp,
}: AppReachabilityOptions): AppReachability {
  type Down = { since: number; timer: NodeJS.Timeout | null; failures: number; cancelLimit: () => void };
  const down = new Map<string, Down>();
  const abort = new AbortController();
  let stopped = false;

  const schedule = (appId: string) => {
    const entry = down.get(appId);
    if (!entry || stopped) return;
    const delay = Math.min(probeMs.max, probeMs.first * 2 ** Math.min(entry.failures, 10));
    entry.timer = setTimeout(() => void probe(appId), entry.failures === 0 ? 0 : delay);
    entry.timer.unref();
  };

  async function probe(appId: string): Promise<void> {
    const entry = down.get(appId);
    const app = registry.getApp(appId);
    if (!entry || stopped) return;
    entry.timer = null;
    if (!app) {
      down.delete(appId);
      return;
    }
    try {
      const response = await fetch(app.url, {
        method: "GET",
        headers: { "user-agent": "mergeline-local-inngest-engine" },
        signal: AbortSignal.any([abort.signal, AbortSignal.timeout(PROBE_TIMEOUT_MS)]),
      });
      await response.body?.cancel();
      markUp(appId);
    } catch {
      entry.failures++;
      schedule(appId);
    }
  }

  function markUp(appId: string) {
    const entry = down.get(appId);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.cancelLimit();
    down.delete(appId);
    logger.info({ appId, downForMs: clock.now() - entry.since }, "app answers: resuming its runs");
    onUp();
  }

  function markDown(appId: string, quiet = false) {
    if (down.has(appId) || stopped) return;
    // At the limit the held calls go through again (and count): the scheduler must look.
    const cancelLimit = clock.setTimer(limitMs, onUp);
    down.set(appId, { since: clock.now(), timer: null, failures: 0, cancelLimit });
    if (!quiet)
      logger.warn(
        { appId, url: registry.getApp(appId)?.url, limitMs },
        "app unreachable: holding its runs until it answers (no attempt counted)",
      );
    schedule(appId);
  }

  return {
    blockedApps: () => {
      const now = clock.now();
      return [...down.entries()].filter(([, entry]) => now - entry.since < limitMs).map(([appId]) => appId);
    },
    downSince: (appId) => down.get(appId)?.since ?? null,
    markDown: (appId) => markDown(appId),
    markUp,
    start() {
      for (const app of registry.apps()) markDown(app.appId, true);
    },
    stop() {
      stopped = true;
      abort.abort();
      for (const entry of down.values()) {
        if (entry.timer) clearTimeout(entry.timer);
        entry.cancelLimit();
      }
    },
  };
}
