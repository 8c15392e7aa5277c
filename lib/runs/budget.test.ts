import { describe, expect, it } from "vitest";
import { checkBudget } from "./budget";

const started = new Date("2026-01-01T10:00:00Z");
const run = (costUsd = "0") => ({
  budget: { maxAttempts: 3, maxDollars: 2, maxMinutes: 30 },
  costUsd,
  startedAt: started,
  createdAt: started,
});
const at = (minutes: number) => new Date(started.getTime() + minutes * 60_000);

describe("checkBudget", () => {
  it("allows attempts within every limit", () => {
    expect(checkBudget(run(), 3, at(29))).toEqual({ spent: false });
  });

  it("names the limit that is spent", () => {
    expect(checkBudget(run(), 4, at(1))).toEqual({
      spent: true,
      reason: "Budget spent: 3 attempts used without passing validation",
    });
    expect(checkBudget(run("2.5"), 2, at(1))).toEqual({ spent: true, reason: "Budget spent: $2.50 of $2.00 used" });
    expect(checkBudget(run(), 2, at(31))).toEqual({ spent: true, reason: "Budget spent: 31 of 30 minutes used" });
  });
});
