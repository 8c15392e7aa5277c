import pino from "pino";
import { describe, expect, it } from "vitest";
import { createCronScheduler, nextCronTime } from "./cron";
import { createManualClock } from "./manual-clock";

const at = (iso: string) => Date.parse(iso);

describe("nextCronTime", () => {
  it("finds the next tick in UTC or in a TZ= prefixed zone", () => {
    expect(nextCronTime("*/15 * * * *", at("2030-01-01T00:07:00Z"))).toBe(at("2030-01-01T00:15:00Z"));
    expect(nextCronTime("TZ=Europe/Paris 0 9 * * *", at("2030-01-01T00:00:00Z"))).toBe(at("2030-01-01T08:00:00Z"));
  });

  it("throws on an invalid schedule", () => {
    expect(() => nextCronTime("every minute", 0)).toThrow();
  });
});

describe("createCronScheduler", () => {
  it("ticks each schedule when the clock crosses it, and skips ticks missed in one jump", () => {
    const clock = createManualClock(at("2030-01-01T00:00:30Z"));
    const ticks: Array<[string, string]> = [];
    const cron = createCronScheduler({
      clock,
      logger: pino({ level: "silent" }),
      onTick: (entry, when) => ticks.push([entry.fnId, new Date(when).toISOString()]),
    });
    cron.update([
      { fnId: "minutely", schedule: "* * * * *" },
      { fnId: "hourly", schedule: "0 * * * *" },
      { fnId: "broken", schedule: "nope" },
    ]);
    clock.advance(29_000);
    expect(ticks).toEqual([]);
    clock.advance(1_000);
    expect(ticks).toEqual([["minutely", "2030-01-01T00:01:00.000Z"]]);
    clock.advance(60 * 60_000);
    expect(ticks.slice(1)).toEqual([
      ["minutely", "2030-01-01T00:02:00.000Z"],
      ["hourly", "2030-01-01T01:00:00.000Z"],
    ]);
    cron.stop();
    clock.advance(60 * 60_000);
    expect(ticks).toHaveLength(3);
  });
});
