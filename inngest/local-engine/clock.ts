/** Time as the engine sees it: injectable so tests can move cron and timers forward. */
export type Clock = {
  now(): number;
  /** Calls `fn` once after `ms`; returns a function that cancels it. */
  setTimer(ms: number, fn: () => void): () => void;
};

// setTimeout overflows past 2^31-1 ms and fires at once, so long waits re-arm in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const due = Date.now() + ms;
    let handle: NodeJS.Timeout;
    const arm = () => {
      const left = due - Date.now();
      handle = setTimeout(left > MAX_TIMER_MS ? arm : fn, Math.min(Math.max(left, 0), MAX_TIMER_MS));
    };
    arm();
    return () => clearTimeout(handle);
  },
};
