import { describe, expect, it } from "vitest";
import type { CommandResult } from "@/db/schema";
import { contradictingFact } from "./recorded-facts";

const failed: CommandResult = {
  command: "npm test",
  exitCode: 1,
  durationMs: 10,
  output: "",
  evidence: {
    format: "tap",
    failing: [{ name: "count flags", message: "should be equal" }],
    passing: ["parse flags"],
    problems: [],
    annotations: [],
  },
};
const passed: CommandResult = { ...failed, exitCode: 0, evidence: { ...failed.evidence!, failing: [] } };

describe("contradictingFact", () => {
  it("holds against 'existing tests keep passing' while a test command failed", () => {
    expect(contradictingFact("Existing tests keep passing", { tests: [failed], browserChecks: [] })).toBe(
      "the test command `npm test` exited with code 1",
    );
    expect(contradictingFact("Existing tests keep passing", { tests: [passed], browserChecks: [] })).toBeNull();
  });

  it("holds against a quoted test that failed, and a named page whose check failed", () => {
    expect(contradictingFact("The test 'count flags' passes", { tests: [failed], browserChecks: [] })).toMatch(
      /count flags" failed/,
    );
    const page = { page: "/cart", status: 500, consoleErrors: [], pageErrors: [], failedRequests: [] };
    expect(contradictingFact("/cart shows the total", { tests: [passed], browserChecks: [page] })).toBe(
      "the browser check of /cart failed",
    );
  });

  it("leaves everything else to the judge", () => {
    expect(contradictingFact("The README explains the flag", { tests: [failed], browserChecks: [] })).toBeNull();
  });
});
