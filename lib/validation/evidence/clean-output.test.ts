import { describe, expect, it } from "vitest";
import { cleanOutput } from "./clean-output";

/** The lines as strings, and what OutputLines tells of each without making it. */
function read(output: string) {
  const { lines } = cleanOutput(output);
  const all = lines.slice();
  return {
    all,
    indents: all.map((_, i) => lines.indentOf(i)),
    lengths: all.map((_, i) => lines.lengthOf(i)),
    firsts: all.map((_, i) => lines.firstCode(i)),
    codes: all.map((_, i) => lines.codeAt(i, lines.indentOf(i))),
  };
}

describe("cleanOutput", () => {
  it("splits as String.prototype.split would, less one empty line after a final newline", () => {
    for (const output of ["", "\n", "a", "a\n", "a\nb", "a\n\nb\n", "\n\n", "  x\n    \ny  "]) {
      const expected = output.split("\n");
      if (expected[expected.length - 1] === "") expected.pop();
      const { all, lengths } = read(output);
      expect(all).toEqual(expected);
      expect(lengths).toEqual(expected.map((line) => line.length));
    }
  });

  it("reads each line's indent and first visible character from the text", () => {
    const { indents, firsts, codes } = read("ok 1\n    ✔ nested\n      \n  ● fail");
    expect(indents).toEqual([0, 4, 6, 2]);
    expect(firsts).toEqual(["o".charCodeAt(0), "✔".charCodeAt(0), -1, "●".charCodeAt(0)]);
    expect(codes).toEqual(firsts);
  });

  it("resolves CRLF and progress bars, drops escapes and NUL, and cuts long lines", () => {
    const long = `${" ".repeat(2500)}x`;
    const { all, indents, lengths, firsts } = read(
      `\x1b[32m✓\x1b[39m\x1b[2m pass\x1b[22m\r\n50%\r100%\r\nn\0ul\n${long}\nlast\r`,
    );
    expect(all).toEqual(["✓ pass", "100%", "nul", `${" ".repeat(2000)} [...]`, "last"]);
    expect(indents).toEqual([0, 0, 0, 2001, 0]);
    expect(firsts).toEqual(all.map((line) => line.trimStart().charCodeAt(0)));
    expect(lengths).toEqual(all.map((line) => line.length));
  });

  it("answers startsWith without making the line, false outside the output", () => {
    const { lines } = cleanOutput("not ok 1\n  ---\n  ...\r\n");
    expect(lines.startsWith(1, "  ---")).toBe(true);
    expect(lines.startsWith(1, "---", 2)).toBe(true);
    expect(lines.startsWith(2, "...", 2)).toBe(true);
    expect(lines.startsWith(0, "not ok 1 ")).toBe(false);
    expect(lines.startsWith(3, "")).toBe(false);
    expect(lines.get(3)).toBeUndefined();
  });
});
