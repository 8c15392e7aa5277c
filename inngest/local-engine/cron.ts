import { CronExpressionParser } from "cron-parser";
import type { Logger } from "pino";
import type { Clock } from "./clock";

// Inngest cron triggers are unix cron strings, optionally prefixed "TZ=Area/City ".
function parseCron(schedule: string): { expression: string; tz: string } {
  const match = /^(?:CRON_)?TZ=(\S+)\s+(.+)$/.exec(schedule.trim());
  return match ? { expression: match[2] ?? "", tz: match[1] ?? "UTC" } : { expression: schedule.trim(), tz: "UTC" };
}

/** The first time after `after` (epoch ms) the schedule fires; throws on an invalid schedule. */
export function nextCronTime(schedule: string, after: number): number {
  const { expression, tz } = parseCron(schedule);
  return CronExpressionParser.parse(expression, { currentDate: new Date(after), tz })
    .next()
    .getTime();
}

export type CronEntry = { fnId: string; schedule: string };

export type CronScheduler = {
  /** Replaces the schedules (after every sync). */
  update(entries: CronEntry[]): void;
  stop(): void;
};

/**
 * Fires `onTick` for each schedule when it is due, by the injected clock. Ticks missed while
 * the engine was down are not replayed, as with Inngest: the next one is due after now.
 */
export function createCronScheduler(options: {
  clock: Clock;
  logger: Logger;
  onTick(entry: CronEntry, at: number): void;
}): CronScheduler {
  const { clock, logger, onTick } = options;
  let due: Array<CronEntry & { at: number }> = [];
  let cancelTimer: (() => void) | null = null;

  const arm = () => {
    cancelTimer?.();
    cancelTimer = null;
    if (due.length === 0) return;
    const earliest = Math.min(...due.map((entry) => entry.at));
    cancelTimer = clock.setTimer(earliest - clock.now(), fire);
  };

  function fire() {
    const now = clock.now();
    due = due.map((entry) => {
      if (entry.at > now) return entry;
      onTick(entry, entry.at);
      return { ...entry, at: nextCronTime(entry.schedule, now) };
    });
    arm();
  }

  return {
    update(entries) {
      const now = clock.now();
      due = entries.flatMap((entry) => {
        try {
          return [{ ...entry, at: nextCronTime(entry.schedule, now) }];
        } catch (error) {
          logger.error({ err: error, fnId: entry.fnId, schedule: entry.schedule }, "invalid cron schedule; ignored");
          return [];
        }
      });
      arm();
    },
    stop() {
      cancelTimer?.();
      cancelTimer = null;
      due = [];
    },
  };
}
