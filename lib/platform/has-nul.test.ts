import { describe, expect, it } from "vitest";
import { hasNul } from "./has-nul";

describe("hasNul", () => {
  it("finds U+0000 in Latin-1 and in wide strings, anywhere in them", () => {
    const wide = "✓ passes\n".repeat(20_000);
    const narrow = "ok passes\n".repeat(20_000);
    for (const text of [wide, narrow]) {
      expect(hasNul(text)).toBe(false);
      expect(hasNul(`\0${text}`)).toBe(true);
      expect(hasNul(`${text}\0`)).toBe(true);
      // Across the 64 KiB chunks: at the last place of one and the first of the next.
      for (const at of [65_535, 65_536, 131_071]) expect(hasNul(`${text.slice(0, at)}\0${text.slice(at)}`)).toBe(true);
    }
    expect(hasNul("")).toBe(false);
    expect(hasNul("\0")).toBe(true);
  });

  it("is not fooled by characters whose low byte is zero", () => {
    expect(hasNul("\u0100\u2500\u3000\uff00".repeat(50_000))).toBe(false);
    expect(hasNul(`${"─".repeat(70_000)}\0`)).toBe(true);
  });
});
