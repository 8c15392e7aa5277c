import { describe, expect, it } from "vitest";
import { formatMinutes, formatRate, formatUsd } from "./format-metrics";

describe("card figures", () => {
  it("read as people say them, with a dash for nothing measured", () => {
    expect([formatRate(null), formatRate(2 / 3), formatRate(1)]).toEqual(["–", "67%", "100%"]);
    expect([
      formatMinutes(null),
      formatMinutes(0.2),
      formatMinutes(45),
      formatMinutes(150),
      formatMinutes(3 * 1440),
    ]).toEqual(["–", "1 min", "45 min", "2.5 h", "3.0 d"]);
    expect([formatUsd(0), formatUsd(0.004), formatUsd(1.5)]).toEqual(["$0", "<$0.01", "$1.50"]);
  });
});
