import { describe, expect, it } from "vitest";
import { affects } from "@/lib/reviews/advisory-database";
import { compareVersions } from "@/lib/reviews/compare-versions";
import { dependencyChanges } from "@/lib/reviews/dependency-changes";

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

  it("orders versions with pre-releases before their release", () => {
    expect(compareVersions("1.10.0", "1.9.9")).toBeGreaterThan(0);
    expect(compareVersions("2.0.0-rc.1", "2.0.0")).toBeLessThan(0);
    expect(compareVersions("v1.2.0", "1.2")).toBe(0);
  });
});

describe("dependencyChanges", () => {
  it("finds added, removed, upgraded and downgraded dependencies in requirements and go.mod", () => {
    expect(
      dependencyChanges({
        path: "requirements.txt",
        before: "Django==4.2.1\nrequests==2.31.0\n",
        after: "django==4.1.0\nflask>=3.0.0\n",
      }).map((change) => [change.name, change.change]),
    ).toEqual([
      ["django", "downgraded"],
      ["flask", "added"],
      ["requests", "removed"],
    ]);
    expect(
      dependencyChanges({
        path: "go.mod",
        before: "module x\n\nrequire (\n\tgithub.com/a/b v1.2.0\n)\n",
        after: "module x\n\nrequire (\n\tgithub.com/a/b v1.3.0 // indirect\n)\n",
      }),
    ).toMatchObject([{ name: "github.com/a/b", change: "upgraded", line: 4 }]);
  });
});
