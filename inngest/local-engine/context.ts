import type { Logger } from "pino";
import type { AppReachability } from "./app-reachability";
import type { Clock } from "./clock";
import type { EngineKeys } from "./engine-keys";
import type { Registry } from "./registry";
import type { EngineStore } from "./store";

export type EngineTuning = {
  /** First retry delay; each further retry doubles it (with jitter) up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How long one call may wait for the app's answer; past it, the app counts as not answering. */
  callTimeoutMs: number;
  /** Calls and timers executing at once, across all runs. */
  maxInFlight: number;
  /** Calls executing at once per app (0: no limit). */
  maxCallsPerApp: number;
  /** How long an app may not answer before its calls count as failed attempts again. */
  appUnreachableMs: number;
  random: () => number;
};

/** What every transition needs: passed explicitly rather than held in module state. */
export type EngineContext = {
  store: EngineStore;
  registry: Registry;
  clock: Clock;
  logger: Logger;
  tuning: EngineTuning;
  /** Which apps answer; calls to one that does not are held, not failed. */
  reachability: AppReachability;
  /** The event and signing keys; null for an open dev engine (tests, INNGEST_DEV). */
  keys: EngineKeys | null;
  /**
   * Calls this process is waiting on, by job id: the token each was given (its ctx.qi_id).
   * Only such a call may checkpoint steps (checkpoint.ts): not one given up on (timed out,
   * its connection lost) nor one made before a restart, though its job is still queued.
   */
  callsInFlight: Map<number, string>;
};
