import { describe, expect, it } from "vitest";
import { dependencyChanges } from "@/lib/reviews/dependency-changes";

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
