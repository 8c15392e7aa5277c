import { describe, expect, it } from "vitest";
import { checkoutCommand } from "./checkout-command";
import { nextStepFor } from "./next-step";

describe("nextStepFor", () => {
  it("says nothing for a run that is going or merged", () => {
    for (const state of ["coding", "ready", "merged", "cancelled"] as const)
      expect(nextStepFor({ state, provider: "local", repository: "/r", branch: "b" })).toBeNull();
  });

  it("names the checkout of a local run's branch in its repository", () => {
    const step = nextStepFor({
      state: "needs_human",
      provider: "local",
      repository: "/srv/repos/demo cart",
      branch: "mergeline/run-1",
    });
    expect(step?.checkout).toBe("git -C '/srv/repos/demo cart' switch mergeline/run-1");
    expect(step?.text).toMatch(/^What next: .*branch yourself, or retry starts a new run/);
  });

  it("fetches a GitHub run's branch from origin", () => {
    expect(checkoutCommand({ provider: "github", repository: "octo/cart", branch: "mergeline/run-2" })).toBe(
      "git fetch origin mergeline/run-2 && git switch mergeline/run-2",
    );
  });

  it("offers Retry alone when nothing was pushed", () => {
    const step = nextStepFor({ state: "failed", provider: "github", repository: "octo/cart", branch: null });
    expect(step).toEqual({ text: expect.stringContaining("Retry starts a new run"), checkout: null });
  });
});
