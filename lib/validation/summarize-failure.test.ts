import { describe, expect, it } from "vitest";
import { failingTestNames, summarizeFailure } from "./summarize-failure";

describe("summarizeFailure", () => {
  it("names failing tests from TAP and vitest output", () => {
    const tap = "ok 1 - adds\nnot ok 2 - total sums every line\n  ---\nnot ok 3 - removes an item\n";
    expect(failingTestNames(tap)).toEqual(["total sums every line", "removes an item"]);
    expect(failingTestNames(" × cart > totals 3ms\n ✓ other")).toEqual(["cart > totals"]);
  });

  it("says how the command ended and keeps the end of a long output", () => {
    const output = Array.from({ length: 200 }, (_, i) => `line ${i}`).join("\n");
    const summary = summarizeFailure("tests", { command: "npm test", exitCode: 1, durationMs: 1200, output });
    expect(summary).toContain("The test command `npm test` exited with code 1.");
    expect(summary).toContain("line 199");
    expect(summary).not.toContain("line 100\n");
    expect(summary).toContain("[... 140 earlier lines ...]");
    expect(
      summarizeFailure("setup", { command: "npm ci", exitCode: null, timedOut: true, durationMs: 60_000, output: "" }),
    ).toContain("timed out after 60 s");
  });
});
