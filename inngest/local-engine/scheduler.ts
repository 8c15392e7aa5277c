import type { Logger } from "pino";
import type { Clock } from "./clock";
import type { EngineStore } from "./store";
import type { ConcurrencySlot, JobRecord } from "./types";

export type Scheduler = {
  /** Looks for due work soon; called after every commit that may have queued some. */
  wake(): void;
  /** Stops dispatching; waits up to graceMs for jobs in flight, then aborts the rest. */
  stop(graceMs: number): Promise<void>;
  inFlight(): number;
};

export type SchedulerOptions = {
  store: EngineStore;
  clock: Clock;
  logger: Logger;
  maxInFlight: number;
  /**
   * Calls executing at once per app (0: no limit): the app runs them in one process, and
   * what else it serves (health checks, pages, webhooks) must not queue behind a burst.
   */
  maxCallsPerApp?: number;
  /** Apps whose calls wait (not answering): their call jobs are not dispatched. */
  heldApps?: () => string[];
  execute(job: JobRecord, signal: AbortSignal): Promise<void>;
};

const BATCH = 500;
// A job whose execution threw (a store error, a bug) waits this long before the next try,
// so one bad job cannot spin the engine.
const FAILED_JOB_COOLDOWN_MS = 1000;

/**
 * Dispatches due jobs in (due time, insertion) order. Calls of runs in a full concurrency
 * group are skipped and stay first in line; the group's next free slot wakes the scheduler.
 */
export function createScheduler({
  store,
  clock,
  logger,
  maxInFlight,
  maxCallsPerApp = 0,
  heldApps = () => [],
  execute,
}: SchedulerOptions): Scheduler {
  const running = new Map<number, Promise<void>>();
  const slotsInUse = new Map<string, number>();
  const coolingUntil = new Map<number, number>();
  const abort = new AbortController();
  let passing = false;
  let again = false;
  let stopped = false;
  let cancelTimer: (() => void) | null = null;
  let currentPass: Promise<void> = Promise.resolve();

  const hasCapacity = (slots: ConcurrencySlot[]) => slots.every((slot) => (slotsInUse.get(slot.key) ?? 0) < slot.limit);
  const APP = "app:";
  // A call takes a slot of its run's concurrency groups and one of its app's.
  const callSlots = (job: JobRecord & { appId: string | null; concurrency: ConcurrencySlot[] }) =>
    job.kind !== "call"
      ? []
      : job.appId && maxCallsPerApp > 0
        ? [...job.concurrency, { key: `${APP}${job.appId}`, limit: maxCallsPerApp }]
        : job.concurrency;
  const adjust = (slots: ConcurrencySlot[], delta: number) => {
    for (const slot of slots) slotsInUse.set(slot.key, (slotsInUse.get(slot.key) ?? 0) + delta);
  };

  function launch(job: JobRecord & { appId: string | null; concurrency: ConcurrencySlot[] }) {
    const slots = callSlots(job);
    adjust(slots, 1);
    const done = execute(job, abort.signal)
      .catch((error: unknown) => {
        logger.error({ err: error, jobId: job.id, kind: job.kind, runId: job.runId }, "job failed; it will be retried");
        coolingUntil.set(job.id, Date.now() + FAILED_JOB_COOLDOWN_MS);
        setTimeout(wake, FAILED_JOB_COOLDOWN_MS).unref();
      })
      .finally(() => {
        running.delete(job.id);
        adjust(slots, -1);
        wake();
      });
    running.set(job.id, done);
  }

  /** Launches what is due; returns the time it looked at. */
  async function dispatch(): Promise<number> {
    const now = clock.now();
    for (const [id, until] of coolingUntil) if (until <= Date.now()) coolingUntil.delete(id);
    const busy = [...running.keys(), ...coolingUntil.keys()];
    // Apps with every call slot taken are left out like held ones: their waiting calls must
    // not fill the batch ahead of timers, events and other apps' calls.
    const fullApps = [...slotsInUse]
      .filter(([key, used]) => key.startsWith(APP) && used >= maxCallsPerApp)
      .map(([key]) => key.slice(APP.length));
    for (const job of await store.dueJobs(now, busy, BATCH, [...heldApps(), ...fullApps])) {
      if (stopped || running.size >= maxInFlight) return now;
      if (job.kind === "call" && !hasCapacity(callSlots(job))) continue;
      launch(job);
    }
    return now;
  }

  // The timer covers every job due after the time dispatch looked at, not after "now": a
  // job that fell due while dispatch ran (a slow database) would otherwise be neither
  // dispatched nor timed, and wait for an unrelated wake. Jobs due before that time and
  // left waiting for capacity are woken by the job that frees it.
  async function armTimer(lookedAt: number) {
    cancelTimer?.();
    cancelTimer = null;
    const next = await store.nextDueAt(lookedAt);
    if (next !== null && !stopped) cancelTimer = clock.setTimer(Math.max(0, next - clock.now()), wake);
  }

  async function pass() {
    try {
      let lookedAt: number;
      do {
        again = false;
        lookedAt = await dispatch();
      } while (again && !stopped);
      await armTimer(lookedAt);
    } catch (error) {
      if (!stopped) {
        logger.error({ err: error }, "scheduler pass failed; retrying");
        setTimeout(wake, FAILED_JOB_COOLDOWN_MS).unref();
      }
    } finally {
      passing = false;
      if (again && !stopped) wake();
    }
  }

  function wake() {
    if (stopped) return;
    if (passing) {
      again = true;
      return;
    }
    passing = true;
    currentPass = new Promise((resolve) => setImmediate(() => void pass().finally(resolve)));
  }

  return {
    wake,
    inFlight: () => running.size,
    async stop(graceMs) {
      stopped = true;
      cancelTimer?.();
      await currentPass;
      const all = Promise.allSettled(running.values());
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([all, graceOver]);
      clearTimeout(timer);
      abort.abort();
      await Promise.allSettled(running.values());
    },
  };
}
