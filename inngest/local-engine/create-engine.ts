import type { AddressInfo } from "node:net";
import pino, { type Logger } from "pino";
import { createAppReachability } from "./app-reachability";
import { createAppSync } from "./app-sync";
import { type Clock, systemClock } from "./clock";
import type { EngineContext, EngineTuning } from "./context";
import { createCronScheduler } from "./cron";
import { type EngineAuth, engineKeys } from "./engine-keys";
import { ingestEvent } from "./event-ingest";
import { cronSchedules } from "./function-config";
import { createRegistry } from "./registry";
import { runJob } from "./run-job";
import { createScheduler } from "./scheduler";
import { createEngineServer } from "./server";
import { type EngineStore, openEngineStore } from "./store";

export type EngineOptions = Partial<EngineTuning> & {
  /** 0 picks a free port (tests). Default 8288. */
  port?: number;
  host?: string;
  /** An open store (tests); otherwise one is opened from databaseUrl or dataDir. */
  store?: EngineStore;
  databaseUrl?: string;
  dataDir?: string;
  /** SDK endpoints the engine syncs itself on start, retrying until each answers. */
  appUrls?: string[];
  syncIntervalMs?: number;
  /** How long stop() lets calls in flight finish before aborting them (they rerun on restart). */
  shutdownGraceMs?: number;
  /** Ended runs and events older than this are deleted (hourly). Default 7 days. */
  retentionMs?: number;
  clock?: Clock;
  logger?: Logger;
  /** The event key and signing key; without them the engine is an open dev server (tests). */
  auth?: EngineAuth | null;
};

export type Engine = {
  url: string;
  port: number;
  store: EngineStore;
  stop(): Promise<void>;
};

export const DEFAULT_TUNING: Omit<EngineTuning, "random"> = {
  retryBaseMs: 5_000,
  retryMaxMs: 10 * 60_000,
  // Pipeline steps (coding, tests) can run for many minutes in one call.
  callTimeoutMs: 60 * 60_000,
  maxInFlight: 64,
  // The app answers every call in one Node process (Next.js): past a dozen or so at once it
  // only queues them, and its health checks and pages queue behind them. Inngest Cloud
  // caps concurrent steps per account the same way.
  maxCallsPerApp: 16,
  appUnreachableMs: 30 * 60_000,
};

function openStore(options: EngineOptions): Promise<EngineStore> {
  if (options.databaseUrl) return openEngineStore({ url: options.databaseUrl });
  if (options.dataDir) return openEngineStore({ dataDir: options.dataDir });
  throw new Error("createEngine needs a store, a databaseUrl or a dataDir");
}

/** Starts the engine: store, scheduler (resuming unfinished runs), HTTP API, cron and app sync. */
export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  const logger = options.logger ?? pino({ level: "silent" });
  const clock = options.clock ?? systemClock;
  const ownsStore = !options.store;
  const store = options.store ?? (await openStore(options));

  try {
    const registry = createRegistry(await store.listApps());
    const tuning: EngineTuning = {
      retryBaseMs: options.retryBaseMs ?? DEFAULT_TUNING.retryBaseMs,
      retryMaxMs: options.retryMaxMs ?? DEFAULT_TUNING.retryMaxMs,
      callTimeoutMs: options.callTimeoutMs ?? DEFAULT_TUNING.callTimeoutMs,
      maxInFlight: options.maxInFlight ?? DEFAULT_TUNING.maxInFlight,
      maxCallsPerApp: options.maxCallsPerApp ?? DEFAULT_TUNING.maxCallsPerApp,
      appUnreachableMs: options.appUnreachableMs ?? DEFAULT_TUNING.appUnreachableMs,
      random: options.random ?? Math.random,
    };
    // The scheduler is made below; reachability only needs to wake it.
    let wake = () => {};
    const reachability = createAppReachability({
      registry,
      clock,
      logger,
      limitMs: tuning.appUnreachableMs,
      onUp: () => wake(),
    });
    const keys = options.auth ? engineKeys(options.auth) : null;
    const ctx: EngineContext = {
      store,
      registry,
      clock,
      logger,
      tuning,
      reachability,
      keys,
      callsInFlight: new Map(),
    };
    const scheduler = createScheduler({
      store,
      clock,
      logger,
      maxInFlight: tuning.maxInFlight,
      maxCallsPerApp: tuning.maxCallsPerApp,
      heldApps: reachability.blockedApps,
      execute: (job, signal) => runJob(ctx, job, signal),
    });
    wake = scheduler.wake;

    const cron = createCronScheduler({
      clock,
      logger,
      onTick: ({ fnId, schedule }, at) => {
        store
          .transaction((tx) =>
            ingestEvent(
              tx,
              ctx,
              { name: "inngest/scheduled.timer", data: { cron: schedule }, ts: at },
              { onlyFnId: fnId },
            ),
          )
          .then(() => scheduler.wake())
          .catch((error: unknown) => logger.error({ err: error, fnId }, "could not start a cron run"));
      },
    });
    const updateCron = () =>
      cron.update(
        registry.functions().flatMap(({ fn }) => cronSchedules(fn).map((schedule) => ({ fnId: fn.id, schedule }))),
      );
    const sync = createAppSync({
      store,
      registry,
      logger,
      intervalMs: options.syncIntervalMs ?? 2_000,
      signed: keys !== null,
      onChange: updateCron,
      onSynced: reachability.markUp,
    });

    const server = createEngineServer({ ctx, sync, wake: scheduler.wake, inFlight: scheduler.inFlight });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 8288, options.host ?? "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    const url = `http://${options.host ?? "127.0.0.1"}:${port}`;

    // Longer than the 24 h idempotency window of event ids, which needs the events it covers.
    const retentionMs = Math.max(options.retentionMs ?? 7 * 24 * 3_600_000, 24 * 3_600_000);
    const prune = () =>
      store
        .transaction((tx) => tx.prune(clock.now() - retentionMs))
        .then((removed) => logger.debug(removed, "pruned old runs and events"))
        .catch((error: unknown) => logger.warn({ err: error }, "could not prune old runs and events"));
    const pruneTimer = setInterval(() => void prune(), 3_600_000).unref();
    void prune();

    updateCron();
    // Runs resume only once their app answers: after a restart it may still be starting.
    reachability.start();
    scheduler.wake();
    sync.start(options.appUrls ?? []);
    logger.info(
      { url, store: store.kind, apps: registry.apps().length, auth: keys ? "event and signing keys" : "none (dev)" },
      "local Inngest engine listening",
    );

    let stopping: Promise<void> | null = null;
    const stop = () => {
      stopping ??= (async () => {
        sync.stop();
        cron.stop();
        reachability.stop();
        clearInterval(pruneTimer);
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await scheduler.stop(options.shutdownGraceMs ?? 5_000);
        if (ownsStore) await store.close();
        logger.info("local Inngest engine stopped");
      })();
      return stopping;
    };
    return { url, port, store, stop };
  } catch (error) {
    if (ownsStore) await store.close();
    throw error;
  }
}
