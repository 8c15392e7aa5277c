import { describe, expect, it } from "vitest";
import { chooseCandidate } from "@/lib/pipeline/choose-candidate";

const candidate = (index: number, passed: boolean, diffLines: number, extra = {}) => ({
  index,
  committed: true,
  passed,
  diffLines,
  ...extra,
});

describe("chooseCandidate", () => {
  it("prefers passing validation, then no failed acceptance, then fewer review findings, then the smallest diff", () => {
    expect(chooseCandidate([candidate(1, false, 1), candidate(2, true, 40), candidate(3, true, 3)])?.index).toBe(3);
    expect(chooseCandidate([candidate(1, true, 3, { acceptancePassed: false }), candidate(2, true, 40)])?.index).toBe(
      2,
    );
    expect(chooseCandidate([candidate(1, true, 3, { reviewFindings: 2 }), candidate(2, true, 40)])?.index).toBe(2);
    expect(chooseCandidate([candidate(1, true, 5), candidate(2, true, 5)])?.index).toBe(1);
  });

  it("takes a failing one when none passed, and none when nothing was committed", () => {
    expect(chooseCandidate([candidate(1, false, 9), candidate(2, false, 2)])?.index).toBe(2);
    expect(chooseCandidate([{ ...candidate(1, true, 1), committed: false }])).toBeNull();
  });
});
