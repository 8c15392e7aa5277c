import { describe, expect, it } from "vitest";
import { cleanOutput } from "./clean-output";
import { failureExcerpt } from "./failure-excerpt";

const excerptOf = (output: string) => failureExcerpt(cleanOutput(output).lines);
const filler = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `step ${from + i} done`).join("\n");

describe("failureExcerpt", () => {
  it("shows the first strong marker and, far below it, the last one", () => {
    const output = [
      filler(0, 10),
      "Error: first",
      filler(10, 100),
      "Error: middle",
      filler(110, 100),
      "Traceback (most recent call last):",
      "ValueError: last",
      filler(210, 10),
    ].join("\n");
    const excerpt = excerptOf(output);
    expect(excerpt.startsWith("step 7 done\nstep 8 done\nstep 9 done\nError: first\n")).toBe(true);
    expect(excerpt).toContain("\n[...]\n");
    expect(excerpt).toContain("ValueError: last");
    expect(excerpt).not.toContain("Error: middle");
  });

  it("falls back to the first weak marker not about zero failures, then to the end", () => {
    expect(excerptOf([filler(0, 5), "0 errors", "2 tests failed", filler(5, 5)].join("\n"))).toContain(
      "2 tests failed",
    );
    expect(excerptOf([filler(0, 5), "0 errors", "2 tests failed"].join("\n")).split("\n")[0]).toBe("step 3 done");
    expect(excerptOf(filler(0, 100)).split("\n")).toEqual(filler(60, 40).split("\n"));
  });
});
