import type { Logger } from "pino";
import type { Clock } from "./clock";
import type { Registry } from "./registry";
import type { EngineStore } from "./store";

export type EngineTuning = {
  /** First retry delay; each further retry doubles it (with jitter) up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How long one call to the app may take before it counts as a failed attempt. */
  callTimeoutMs: number;
  /** Calls and timers executing at once, across all runs. */
  maxInFlight: number;
  random: () => number;
};

/** What every transition needs: passed explicitly rather than held in module state. */
export type EngineContext = {
  store: EngineStore;
  registry: Registry;
  clock: Clock;
  logger: Logger;
  tuning: EngineTuning;
};
