import fc from "fast-check";
import type { Expected, JsonSchema } from "./fuzz-case";

// Values the fuzz builds malformed requests from: text with a NUL, paths that are not valid
// percent-encoding, values a parameter's schema refuses, values of each JSON type.

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The answer a refused request must get; `field` also takes a code naming a field inside the one given. */
const refused = (status: number, code: string, match: "exact" | "field" = "exact"): Expected => ({
  status,
  code: new RegExp(`^${escapeRegExp(code)}${match === "exact" ? "$" : "(\\.|$)"}`),
});

const text = fc.string({ unit: "binary", maxLength: 24 });
const withNul = fc.tuple(text, text).map(([before, after]) => `${before}\u0000${after}`);
const encodedWithNul = fc
  .tuple(text, text)
  .map(([before, after]) => `${encodeURIComponent(before)}%00${encodeURIComponent(after)}`);

// Invalid wherever they stand; the incomplete ones only at the end, where nothing can complete them.
const invalidEncodings = ["%C0%AF", "%ff%fe", "%zz", "%ED%A0%80", "%F4%90%80%80", "%c3%28", "%G0"];
const incompleteEncodings = ["%E0%A4", "%", "%4", "%F0%9F%98"];
const badlyEncoded = fc.oneof(
  fc
    .tuple(text, fc.constantFrom(...invalidEncodings), text)
    .map(([before, bad, after]) => `${encodeURIComponent(before)}${bad}${encodeURIComponent(after)}`),
  fc.tuple(text, fc.constantFrom(...incompleteEncodings)).map(([before, bad]) => `${encodeURIComponent(before)}${bad}`),
);

function accepts(schema: JsonSchema, value: string): boolean {
  if (schema.enum && !schema.enum.includes(value)) return false;
  if (schema.pattern && !new RegExp(schema.pattern).test(value)) return false;
  if (schema.minLength !== undefined && value.length < schema.minLength) return false;
  return schema.maxLength === undefined || value.length <= schema.maxLength;
}

/** Query or path values the parameter's schema refuses (numbers as a query string reads them: Number()), or null. */
function refusedBy(schema: JsonSchema): fc.Arbitrary<string> | null {
  if (schema.type === "integer") {
    const min = schema.minimum ?? Number.MIN_SAFE_INTEGER;
    const max = schema.maximum ?? Number.MAX_SAFE_INTEGER;
    const inRange = (value: string) => {
      const number = Number(value);
      return Number.isSafeInteger(number) && number >= min && number <= max;
    };
    return fc
      .oneof(
        fc.constantFrom("abc", "1.5", "NaN", "Infinity", "-1e999", "0x", "--1", "1,2", "[]", "true"),
        fc.integer().map(String),
        fc.double().map(String),
        text,
      )
      .filter((value) => !inRange(value));
  }
  if (schema.type !== "string") return null;
  if (schema.pattern || schema.enum || schema.minLength)
    return fc
      .oneof(text, fc.integer().map(String), fc.constantFrom("null", "true", "-1", "[]", "{}", "x".repeat(201)))
      .filter((value) => value !== "." && value !== ".." && !accepts(schema, value));
  // Only a length limit: longer than it, of characters no trim takes away.
  if (schema.maxLength !== undefined) {
    const limit = schema.maxLength;
    return fc.integer({ min: limit + 1, max: limit + 64 }).map((length) => "é".repeat(length));
  }
  return null;
}

const typeOf = (value: unknown) =>
  value === null ? "null" : Array.isArray(value) ? "array" : typeof value === "number" ? "number" : typeof value;

const ofType: Record<string, fc.Arbitrary<unknown>> = {
  string: text,
  number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(fc.oneof(fc.integer(), text), { maxLength: 3 }),
  object: fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.integer(), { maxKeys: 3 }),
};

export const malformedValues = { refused, text, withNul, encodedWithNul, badlyEncoded, refusedBy, typeOf, ofType };
