import { describe, expect, it } from "vitest";
import { escapedLines } from "./escaped-lines";

// What escapedLines must match: the pattern it replaces, then NULs out, then the lines as split finds them.
const escapes =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is what this pattern is for
  /(?:\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_]))+/g;

function expected(output: string) {
  const text = output.replace(escapes, "").replaceAll("\0", "");
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const indents = lines.map((line) => line.length - line.replace(/^ +/, "").length);
  const firsts = lines.map((line, i) => (indents[i]! < line.length ? line.charCodeAt(indents[i]!) : -1));
  return { text, lines, indents, firsts };
}

function actual(output: string) {
  const { text, offsets, count } = escapedLines(output);
  const lines = Array.from({ length: count }, (_, i) => text.slice(offsets.starts[i]!, offsets.starts[i + 1]! - 1));
  return {
    text,
    lines,
    indents: Array.from(offsets.indents.subarray(0, count)),
    firsts: Array.from(offsets.firsts.subarray(0, count)),
  };
}

// Pieces that make escapes whole, cut short, nested in spaces and lines, or next to NUL.
const pieces = [
  "\x1b[",
  "\x1b]",
  "\x1b",
  "[",
  "]",
  "31",
  ";",
  "m",
  "0;title",
  "\x07",
  "\\",
  "?",
  " ",
  "  ",
  "!",
  "@",
  "Z",
  "_",
  "~",
  "\x7f",
  "\n",
  "\r",
  "\0",
  "\t",
  "ok",
  "✓",
  "●",
];

describe("escapedLines", () => {
  it("removes escapes and NULs and finds lines as the escape pattern and split would", () => {
    const fixed = [
      "",
      "\x1b[0m",
      "a\n\x1b[0m",
      "a\n  \x1b[0m",
      "\x1b[32m  ✓\x1b[39m pass\n\x1b[2m    \x1b[22m\n",
      "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ \x1b]0;title\x07done",
      "\x1b]0;runs\nacross lines",
      "\x1b\x1b[31mred\x1b[\x1bX\x1b\0[1m\x1b[3\0m",
      "\x1b[1;2 @ \x1b[?25l\x1b[ ~",
    ];
    for (const output of fixed) expect(actual(output)).toEqual(expected(output));
    let state = 42;
    for (let round = 0; round < 3000; round++) {
      let output = "";
      const length = round % 40;
      for (let k = 0; k < length; k++) {
        state = (state * 1103515245 + 12345) >>> 0;
        output += pieces[(state >>> 16) % pieces.length];
      }
      expect(actual(output), JSON.stringify(output)).toEqual(expected(output));
    }
  });
});
