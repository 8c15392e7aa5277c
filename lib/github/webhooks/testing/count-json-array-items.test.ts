import { describe, expect, it } from "vitest";
import { countJsonArrayItems, createJsonArrayItemCounter } from "./count-json-array-items";

const values = [
  [],
  [{}],
  [1, 2, 3],
  [{ a: [1, 2, { b: "x,y" }], c: "]}" }, { d: 'quote " and backslash \\' }, "tail\\", null],
  [{ name: "github/issues.labeled", data: { payload: { body: 'has "quotes", [brackets] and {braces}\\\\"' } } }, { name: "two" }, "\\\\\\\\", ["\\\""]],
];

describe("countJsonArrayItems", () => {
  it("counts the top-level items of arrays as JSON.parse sees them", () => {
    for (const value of values) {
      expect(countJsonArrayItems(Buffer.from(JSON.stringify(value)))).toBe(value.length);
      expect(countJsonArrayItems(Buffer.from(` ${JSON.stringify(value, null, 2)}\n`))).toBe(value.length);
    }
  });

  it("counts the same whatever the chunks the body arrives in", () => {
    for (const value of values) {
      const body = Buffer.from(JSON.stringify(value, null, 1));
      for (const size of [1, 2, 3, 7]) {
        const counter = createJsonArrayItemCounter();
        for (let start = 0; start < body.length; start += size) counter.push(body.subarray(start, start + size));
        expect(counter.count(), `chunks of ${size} of ${body.toString()}`).toBe(value.length);
      }
    }
  });

  it("counts a lone object as one", () => {
    expect(countJsonArrayItems(Buffer.from(JSON.stringify({ name: "a", data: { list: [1, 2] } })))).toBe(1);
  });

  it("throws on a string left open", () => {
    expect(() => countJsonArrayItems(Buffer.from('[{"a":"b}]'))).toThrow("unterminated string");
  });
});
