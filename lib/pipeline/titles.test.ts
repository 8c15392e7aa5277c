import { describe, expect, it } from "vitest";
import { attemptCommitMessage, runTitle, shortTitle } from "./titles";

describe("shortTitle", () => {
  it("keeps a short first line as it is, without a trailing period", () => {
    expect(shortTitle("Add removeItem to the cart.\n\nMore detail")).toBe("Add removeItem to the cart");
  });

  it("cuts a long line at a word boundary within 72 characters", () => {
    const title = shortTitle(
      "Make the command-line parser accept repeated flags and count them instead of keeping only the last one given",
    );
    expect(title.length).toBeLessThanOrEqual(72);
    expect(title).toBe("Make the command-line parser accept repeated flags and count them…");
  });

  it("prefers the first sentence when the line is long", () => {
    expect(
      shortTitle("Count repeated flags. Then document it in the README and add tests for every case we can think of"),
    ).toBe("Count repeated flags");
  });

  it("cuts one very long word where it must", () => {
    expect(shortTitle("x".repeat(100))).toHaveLength(72);
  });
});

describe("titles of a run", () => {
  it("take the plan's summary over the goal", () => {
    expect(runTitle({ goal: "clearCart()", planSummary: "Add clearCart to empty the cart" })).toBe(
      "Add clearCart to empty the cart",
    );
    expect(runTitle({ goal: "clearCart()\nsecond line", planSummary: "" })).toBe("clearCart()");
  });

  it("name each attempt and what it changed", () => {
    const first = attemptCommitMessage({
      title: "Add clearCart",
      goal: "Add clearCart()",
      attempt: 1,
      agentSummary: "Added clearCart and a test.",
      runId: "r1",
    });
    expect(first.split("\n")[0]).toBe("Add clearCart");
    const second = attemptCommitMessage({
      title: "Add clearCart",
      goal: "Add clearCart()",
      attempt: 2,
      agentSummary: "Fixed the failing test by resetting the total.",
      runId: "r1",
    });
    expect(second.split("\n")[0]).toBe("Attempt 2: Fixed the failing test by resetting the total");
    expect(second).toContain("Mergeline run r1, attempt 2.");
    expect(second).toContain("Goal: Add clearCart()");
  });
});
