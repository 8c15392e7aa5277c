import { describe, expect, it } from "vitest";
import { compareVersions } from "@/lib/reviews/compare-versions";

describe("compareVersions", () => {
  it("orders versions with pre-releases before their release", () => {
    expect(compareVersions("1.10.0", "1.9.9")).toBeGreaterThan(0);
    expect(compareVersions("2.0.0-rc.1", "2.0.0")).toBeLessThan(0);
    expect(compareVersions("v1.2.0", "1.2")).toBe(0);
  });
});
