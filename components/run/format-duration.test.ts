import { describe, expect, it } from "vitest";
import { formatDuration } from "./format-duration";

describe("formatDuration", () => {
  it("rounds to what a person reads", () => {
    expect(formatDuration(2334.465670000005)).toBe("2.3 s");
    expect(formatDuration(849.6)).toBe("850 ms");
    expect(formatDuration(59_960)).toBe("60.0 s");
    expect(formatDuration(252_400)).toBe("4 min 12 s");
    expect(formatDuration(120_000)).toBe("2 min");
    expect(formatDuration(3_780_000)).toBe("1 h 3 min");
  });

  it("shows a dash for what is not a duration", () => {
    expect(formatDuration(Number.NaN)).toBe("—");
    expect(formatDuration(-1)).toBe("—");
  });
});
