import { describe, expect, it } from "vitest";
import { affects } from "@/lib/reviews/affects";

describe("OSV ranges", () => {
  const affected = {
    ranges: [
      {
        type: "SEMVER",
        events: [{ introduced: "1.0.0" }, { fixed: "1.2.3" }, { introduced: "2.0.0" }, { last_affected: "2.1.0" }],
      },
    ],
    versions: ["0.9.9"],
  };
  it("tells affected versions by listed versions, fixed and last_affected events", () => {
    expect(affects(affected, "0.9.9").affected).toBe(true);
    expect(affects(affected, "0.9.8").affected).toBe(false);
    expect(affects(affected, "1.2.2")).toEqual({ affected: true, fixed: "1.2.3" });
    expect(affects(affected, "1.2.3").affected).toBe(false);
    expect(affects(affected, "2.1.0").affected).toBe(true);
    expect(affects(affected, "2.1.1").affected).toBe(false);
  });
});
