import { describe, expect, it } from "vitest";
import { parseRetryAfter, retryDelay } from "./backoff";

describe("retryDelay", () => {
  it("doubles per attempt, with jitter between half and all of it, up to the cap", () => {
    const options = { baseMs: 1000, maxMs: 10_000 };
    expect(retryDelay(0, { ...options, random: () => 0 })).toBe(500);
    expect(retryDelay(0, { ...options, random: () => 1 })).toBe(1000);
    expect(retryDelay(2, { ...options, random: () => 1 })).toBe(4000);
    expect(retryDelay(10, { ...options, random: () => 1 })).toBe(10_000);
    for (let attempt = 0; attempt < 6; attempt++) {
      const delay = retryDelay(attempt, options);
      const full = Math.min(10_000, 1000 * 2 ** attempt);
      expect(delay).toBeGreaterThanOrEqual(full / 2);
      expect(delay).toBeLessThanOrEqual(full);
    }
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and dates, ignoring anything else", () => {
    expect(parseRetryAfter("2", 0)).toBe(2000);
    expect(parseRetryAfter("2030-01-01T00:00:10.000Z", Date.parse("2030-01-01T00:00:00Z"))).toBe(10_000);
    expect(parseRetryAfter(null, 0)).toBeNull();
    expect(parseRetryAfter("later", 0)).toBeNull();
  });
});
