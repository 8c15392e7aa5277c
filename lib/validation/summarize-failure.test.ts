import { describe, expect, it } from "vitest";
import { summarizeFailure } from "./summarize-failure";

describe("summarizeFailure", () => {
  it("names the failing tests with their assertion messages, before the end of the output", () => {
    const tap =
      "TAP version 13\n# totals\nok 1 should be equal\nnot ok 2 should be deeply equivalent\n  ---\n    operator: deepEqual\n    expected: 3\n    actual:   4\n  ...\n\n1..2\n# pass  1\n# fail  1\n";
    const summary = summarizeFailure("tests", { command: "npm test", exitCode: 1, durationMs: 10, output: tap });
    expect(summary).toContain("totals");
    expect(summary).toContain("should be deeply equivalent");
    expect(summary.indexOf("should be deeply equivalent")).toBeLessThan(summary.lastIndexOf("# fail  1"));
  });

  it("says how the command ended and keeps the end of a long output", () => {
    const output = Array.from({ length: 200 }, (_, i) => `line ${i}`).join("\n");
    const summary = summarizeFailure("tests", { command: "npm test", exitCode: 1, durationMs: 1200, output });
    expect(summary).toContain("The test command `npm test` exited with code 1");
    expect(summary).toContain("line 199");
    expect(summary).not.toContain("line 100\n");
    expect(
      summarizeFailure("setup", { command: "npm ci", exitCode: null, timedOut: true, durationMs: 60_000, output: "" }),
    ).toMatch(/timed out after 60 s/);
  });
});
