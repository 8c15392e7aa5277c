import { describe, expect, it } from "vitest";
import { readTapPoint } from "./tap-point";

// The pattern readTapPoint reads as.
const testPoint = /^( *)(not ok|ok)\b *(\d+)?(?: *- *| +|$)(.*)$/;

function byPattern(line: string) {
  const match = testPoint.exec(line);
  return match ? { indent: match[1]!.length, ok: match[2] === "ok", description: match[4]! } : undefined;
}

const pieces = [" ", "  ", "ok", "not ok", "not", "-", "1", "42", "x", "_", "#", " # SKIP", "\u2028", "\r", "✓", "\t"];

describe("readTapPoint", () => {
  it("reads a line as the test point pattern does", () => {
    const fixed = [
      "ok",
      "ok 1",
      "ok 1 - name",
      "not ok 2 name # TODO later",
      "    ok 3 -   spaced",
      "ok 12abc",
      "ok12",
      "okay 1",
      "not okay",
      "ok -x",
      "ok 1-x",
      "ok  ",
      "ok 1 \u2028",
      "  not ok",
      "ok\t1",
    ];
    for (const line of fixed) expect(readTapPoint(line), line).toEqual(byPattern(line));
    let state = 7;
    for (let round = 0; round < 20000; round++) {
      let line = "";
      const length = round % 9;
      for (let k = 0; k < length; k++) {
        state = (state * 1103515245 + 12345) >>> 0;
        line += pieces[(state >>> 16) % pieces.length];
      }
      expect(readTapPoint(line), JSON.stringify(line)).toEqual(byPattern(line));
    }
  });
});
