import { describe, expect, it } from "vitest";
import { planAttribution } from "./plan-attribution";

const entry = (version: number, status: "proposed" | "edited" | "approved" | "rejected", more = {}) => ({
  version,
  status,
  reason: null,
  authorLabel: null,
  ...more,
});

describe("planAttribution", () => {
  it("names no version for a plan approved as proposed, and the person who approved it", () => {
    expect(planAttribution([entry(1, "proposed"), entry(2, "approved", { authorLabel: "Ada" })])).toEqual({
      edits: 0,
      contentVersion: 1,
      editedBy: null,
      decision: "Approved by Ada",
    });
  });

  it("counts edits as content versions", () => {
    const history = [
      entry(1, "proposed"),
      entry(2, "edited", { authorLabel: "Grace" }),
      entry(3, "approved", { authorLabel: "Grace" }),
    ];
    expect(planAttribution(history)).toMatchObject({ edits: 1, contentVersion: 2, editedBy: "Grace" });
  });

  it("lets an automatic approval say what approved it", () => {
    const reason = "Approved automatically: the run was started with auto-approve through the API";
    expect(planAttribution([entry(1, "proposed"), entry(2, "approved", { reason })]).decision).toBe(reason);
  });

  it("is undecided while proposed", () => {
    expect(planAttribution([entry(1, "proposed")]).decision).toBeNull();
    expect(planAttribution([]).contentVersion).toBe(1);
  });
});
