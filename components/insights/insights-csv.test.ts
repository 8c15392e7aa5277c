import { describe, expect, it } from "vitest";
import type { InsightsReport } from "@/lib/insights/insights-report";
import { insightsCsv } from "./insights-csv";

const durations = (p50: number | null) => ({ p50, p90: p50 === null ? null : p50 * 2, count: p50 === null ? 0 : 3 });

describe("insightsCsv", () => {
  it("writes a header and a row per day, empty cells for missing figures", () => {
    const day = {
      started: 2,
      merged: 1,
      failed: 1,
      cancelled: 0,
      needsHuman: 0,
      successRate: 0.5,
      firstAttemptPassRate: null,
      timeToPrSeconds: durations(60),
      timeToMergeSeconds: durations(null),
      validationSeconds: durations(12.5),
      costUsd: 0.25,
      tokens: 1200,
    };
    const report = { daily: [{ date: "2026-11-01", ...day }] } as unknown as InsightsReport;
    const [header, row, end] = insightsCsv(report).split("\n");
    expect(header?.split(",")).toHaveLength(16);
    expect(row).toBe("2026-11-01,2,1,1,0,0,0.5,,60,120,,,12.5,25,0.25,1200");
    expect(end).toBe("");
  });
});
