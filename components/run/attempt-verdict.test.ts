import { describe, expect, it } from "vitest";
import type { CommandResult } from "@/db/schema";
import { attemptVerdict } from "./attempt-verdict";

const command = (overrides: Partial<CommandResult>): CommandResult => ({
  command: "npm test",
  exitCode: 0,
  durationMs: 1200,
  output: "",
  ...overrides,
});
const evidence = (failing: number, passing: number) => ({
  format: "tap",
  failing: Array.from({ length: failing }, (_, index) => ({ name: `test ${index}` })),
  passing: Array.from({ length: passing }, (_, index) => `ok ${index}`),
  problems: [],
  annotations: [],
});
const base = { setup: [], tests: [], browserChecks: [], acceptance: [] };

describe("attemptVerdict", () => {
  it("names the first failing command and its failing tests", () => {
    expect(
      attemptVerdict({ ...base, status: "failed", tests: [command({ exitCode: 1, evidence: evidence(2, 5) })] }),
    ).toBe("Test command npm test failed: 2 failing tests");
    expect(
      attemptVerdict({
        ...base,
        status: "failed",
        setup: [command({ command: "npm ci", exitCode: null, timedOut: true })],
      }),
    ).toBe("Setup npm ci timed out");
  });

  it("counts the tests that passed", () => {
    expect(attemptVerdict({ ...base, status: "passed", tests: [command({ evidence: evidence(0, 7) })] })).toBe(
      "7 tests",
    );
  });

  it("falls back to pages and acceptance checks", () => {
    const check = { page: "/", status: 500, consoleErrors: [], pageErrors: [], failedRequests: [] };
    expect(attemptVerdict({ ...base, status: "failed", browserChecks: [check] })).toBe(
      "The browser check of / found problems",
    );
    const acceptance = [
      { description: "a", passed: false, evidence: "" },
      { description: "b", passed: true, evidence: "" },
    ];
    expect(attemptVerdict({ ...base, status: "failed", acceptance })).toBe("1 acceptance check of 2 not met");
  });
});
