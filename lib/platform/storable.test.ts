import { describe, expect, it } from "vitest";
import { storable, storableText } from "./storable";

describe("storableText", () => {
  it("escapes NUL bytes and unpaired surrogates, and leaves clean text alone", () => {
    expect(storableText("nul:\u0000:end")).toBe("nul:\u2400:end");
    expect(storableText("half \ud800 pair")).toBe("half \ufffd pair");
    const clean = "plain ✓ text";
    expect(storableText(clean)).toBe(clean);
  });

  it("reaches every string of a JSON value, keys included, and keeps other values", () => {
    const date = new Date(0);
    expect(storable({ a: ["x\u0000"], "k\u0000": { n: 1, ok: true, at: date } })).toEqual({
      a: ["x\u2400"],
      "k\u2400": { n: 1, ok: true, at: date },
    });
  });
});
