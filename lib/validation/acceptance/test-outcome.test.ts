import { describe, expect, it } from "vitest";
import type { CommandResult } from "@/db/schema";
import { testOutcome } from "./test-outcome";

const result = (command: string, exitCode: number, output: string): CommandResult => ({
  command,
  exitCode,
  durationMs: 10,
  output,
});

describe("testOutcome", () => {
  const tap = result(
    "npm test",
    1,
    "TAP version 13\nok 1 - greets by name\n  ---\nnot ok 2 - greets without a name\nok 3 - totals # SKIP\n",
  );
  const spec = result("npx vitest run", 0, " ✓ cart > adds an item 3ms\n ✔ removes an item (1.2ms)\n");

  it("finds a named test's pass or failure in TAP and spec output", () => {
    expect(testOutcome("greets by name", [tap])).toMatchObject({
      outcome: "passed",
      evidence: 'The test "greets by name" passed in `npm test`.',
    });
    expect(testOutcome("Greets without a name", [tap])).toMatchObject({ outcome: "failed" });
    expect(testOutcome("adds an item", [spec]).outcome).toBe("passed");
    expect(testOutcome("removes an item", [tap, spec]).outcome).toBe("passed");
  });

  it("decides by exit code when the check names a whole command, and says when a test is missing", () => {
    expect(testOutcome("npm test", [tap])).toMatchObject({
      outcome: "failed",
      evidence: "`npm test` exited with code 1.",
    });
    expect(testOutcome("npx vitest run", [tap, spec]).outcome).toBe("passed");
    expect(testOutcome("checks out", [tap])).toMatchObject({
      outcome: "missing",
      evidence: expect.stringContaining("No test named"),
    });
    expect(testOutcome("anything", []).evidence).toBe('No tests ran, so "anything" could not be checked.');
  });
});
