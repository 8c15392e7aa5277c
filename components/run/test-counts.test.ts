import { describe, expect, it } from "vitest";
import { testCounts } from "./test-counts";

const evidence = (more: object) => ({
  format: "tap",
  failing: [],
  passing: [],
  problems: [],
  annotations: [],
  ...more,
});

describe("testCounts", () => {
  it("prefers the runner's own counts, else counts the parsed tests", () => {
    expect(testCounts(evidence({ counts: { passed: 12, failed: 1, skipped: 2 } }))).toBe(
      "12 passed · 1 failed · 2 skipped",
    );
    expect(testCounts(evidence({ passing: ["a", "b"], failing: [{ name: "c" }] }))).toBe("2 passed · 1 failed");
  });

  it("counts problems when there are no tests, and says nothing about neither", () => {
    const problem = { tool: "tsc", file: "a.ts", severity: "error", message: "x" };
    expect(testCounts(evidence({ problems: [problem, problem] }))).toBe("2 problems");
    expect(testCounts(evidence({}))).toBeNull();
  });
});
