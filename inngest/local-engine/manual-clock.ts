import type { Clock } from "./clock";

export type ManualClock = Clock & {
  /** Moves time forward, firing every timer that falls due, in order. */
  advance(ms: number): void;
  set(epochMs: number): void;
};

/** A clock that only moves when told to: for cron and timer tests. */
export function createManualClock(startMs: number): ManualClock {
  let now = startMs;
  let nextId = 0;
  const timers = new Map<number, { due: number; fn: () => void }>();

  const fireDue = () => {
    for (;;) {
      const due = [...timers.entries()].filter(([, timer]) => timer.due <= now).sort((a, b) => a[1].due - b[1].due)[0];
      if (!due) return;
      timers.delete(due[0]);
      due[1].fn();
    }
  };

  return {
    now: () => now,
    setTimer(ms, fn) {
      const id = nextId++;
      timers.set(id, { due: now + Math.max(ms, 0), fn });
      // A timer already due fires on the next tick, as setTimeout(fn, 0) would.
      if (ms <= 0) setImmediate(fireDue);
      return () => timers.delete(id);
    },
    advance(ms) {
      now += ms;
      fireDue();
    },
    set(epochMs) {
      now = epochMs;
      fireDue();
    },
  };
}
