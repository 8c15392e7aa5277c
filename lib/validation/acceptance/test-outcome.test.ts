import fs from "node:fs";
import path from "node:path";
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
  // Recorded from a real vitest run (testing/fixtures/evidence/vitest-verbose/command.txt).
  const vitestOutput = fs.readFileSync(
    path.resolve(import.meta.dirname, "../../../testing/fixtures/evidence/vitest-verbose/output.txt"),
    "utf8",
  );
  const spec = result("npx vitest run --reporter=verbose", 1, vitestOutput);

  it("finds a named test's pass or failure in TAP and spec output", () => {
    expect(testOutcome("greets by name", [tap])).toMatchObject({
      outcome: "passed",
      evidence: 'The test "greets by name" passed in `npm test`.',
    });
    expect(testOutcome("Greets without a name", [tap])).toMatchObject({ outcome: "failed" });
    expect(testOutcome("reads --key=value", [spec]).outcome).toBe("passed");
    expect(testOutcome("values > reads a value after the flag", [tap, spec])).toMatchObject({ outcome: "failed" });
    expect(testOutcome("count flags", [tap, spec]).outcome).toBe("passed");
  });

  it("decides by exit code when the check names a whole command, and says when a test is missing", () => {
    expect(testOutcome("npm test", [tap])).toMatchObject({
      outcome: "failed",
      evidence: "`npm test` exited with code 1.",
    });
    expect(testOutcome("npx vitest run --reporter=verbose", [tap, spec]).outcome).toBe("failed");
    expect(testOutcome("checks out", [tap])).toMatchObject({
      outcome: "missing",
      evidence: expect.stringContaining("No test named"),
    });
    expect(testOutcome("anything", []).evidence).toBe('No tests ran, so "anything" could not be checked.');
  });

  it("finds a tape test named by its # comment, whose assertions have no names of their own", () => {
    const tape = result(
      "npm test",
      0,
      "TAP version 13\n# parse flags\nok 27 should be equal\n# count flags\nok 28 should be equal\n\n1..28\n# pass  28\n",
    );
    expect(testOutcome("count flags", [tape])).toMatchObject({ outcome: "passed" });
  });

  it("uses the results parsed when the command ran, and names the failing assertion", () => {
    const stored: CommandResult = {
      ...result("npm test", 1, "(output no parser reads)"),
      evidence: {
        format: "tap",
        failing: [{ name: "cart > totals", message: "should be deeply equivalent" }],
        passing: ["cart > adds"],
        problems: [],
        annotations: [],
      },
    };
    expect(testOutcome("totals", [stored])).toEqual({
      outcome: "failed",
      evidence: 'The test "cart > totals" failed in `npm test`: should be deeply equivalent.',
    });
    expect(testOutcome("adds", [stored]).outcome).toBe("passed");
  });
});
