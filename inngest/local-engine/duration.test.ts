import { describe, expect, it } from "vitest";
import { parseDuration, resolveDueAt } from "./duration";

describe("parseDuration", () => {
  it("reads the SDK spec's time strings", () => {
    expect(parseDuration("300ms")).toBe(300);
    expect(parseDuration("1s")).toBe(1000);
    expect(parseDuration("2h45m")).toBe(2 * 3_600_000 + 45 * 60_000);
    expect(parseDuration("1.5d")).toBe(1.5 * 86_400_000);
    expect(parseDuration("1w2d3h4m5s")).toBe(604_800_000 + 2 * 86_400_000 + 3 * 3_600_000 + 4 * 60_000 + 5000);
    expect(parseDuration("1500us")).toBe(1.5);
  });

  it("returns null for anything else", () => {
    for (const text of ["", "5", "5x", "1h 2m", "2030-01-01T00:00:00Z", "m5"]) expect(parseDuration(text)).toBeNull();
  });
});

describe("resolveDueAt", () => {
  it("adds a time string to now, or reads an ISO date", () => {
    expect(resolveDueAt("30s", 1000)).toBe(31_000);
    expect(resolveDueAt("2030-01-01T00:00:00.000Z", 0)).toBe(Date.parse("2030-01-01T00:00:00Z"));
  });

  it("throws on a value that is neither", () => {
    expect(() => resolveDueAt("soon", 0)).toThrow(/neither a time string/);
  });
});
