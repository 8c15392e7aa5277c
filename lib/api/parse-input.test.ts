import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { AppError } from "@/lib/platform/errors";
import { parseInput } from "./parse-input";

const failure = (schema: z.ZodType, value: unknown, part = "body") => {
  try {
    parseInput(schema, value, part);
  } catch (error) {
    return { code: (error as AppError).code, message: (error as AppError).message, status: (error as AppError).status };
  }
  throw new Error("expected a failure");
};

describe("parseInput", () => {
  const schema = z
    .object({
      goal: z.string().min(3),
      settings: z.object({ budget: z.object({ maxAttempts: z.number().min(1) }) }).partial(),
    })
    .strict();

  it("names the field at fault, nested paths dotted", () => {
    expect(failure(schema, { goal: "x" })).toMatchObject({
      status: 400,
      code: "bad_request:goal",
      message: expect.stringMatching(/^goal: /),
    });
    expect(failure(schema, { goal: "abc", settings: { budget: { maxAttempts: 0 } } }).code).toBe(
      "bad_request:settings.budget.maxAttempts",
    );
  });

  it("names an unknown key itself, and the part when the whole input is wrong", () => {
    expect(failure(schema, { goal: "abc", settings: {}, extra: 1 }).code).toBe("bad_request:extra");
    expect(failure(schema, "nope").code).toBe("bad_request:body");
    expect(failure(z.object({ id: z.uuid() }), {}, "params").code).toBe("bad_request:id");
  });

  it("lists several problems in the message", () => {
    const message = failure(z.object({ a: z.string(), b: z.number() }), {}).message;
    expect(message).toMatch(/a: .*; b: /);
  });

  it("writes messages for people, not zod's", () => {
    expect(failure(schema, { goal: "abc", settings: { budget: { maxAttempts: 0 } } }).message).toBe(
      "settings.budget.maxAttempts: Must be at least 1",
    );
    expect(failure(schema, {}).message).toBe("goal: Required; settings: Required");
    expect(failure(z.object({ id: z.uuid() }), { id: "x" }, "params").message).toBe("id: Must be a UUID");
    expect(failure(z.object({ mode: z.enum(["manual", "auto"]) }), { mode: "x" }).message).toBe(
      "mode: Must be one of: manual, auto",
    );
  });

  it("refuses a NUL anywhere, naming its field, before the schema runs", () => {
    const refine = vi.fn(() => true);
    const checked = z.object({ a: z.array(z.object({ b: z.string().refine(refine) })) });
    expect(failure(checked, { a: [{ b: "ok" }, { b: "x\u0000" }] })).toMatchObject({
      status: 400,
      code: "bad_request:a.1.b",
      message: expect.stringMatching(/^a\.1\.b: Must not contain a NUL/),
    });
    expect(refine).not.toHaveBeenCalled();
    expect(failure(z.object({ id: z.uuid() }), { id: "\u0000" }, "params").code).toBe("bad_request:id");
    expect(failure(z.record(z.string(), z.number()), { "a\u0000": 1 }, "query").code).toBe("bad_request:query");
  });

  it("refuses nesting past 32 levels, naming the whole part", () => {
    const nest = (levels: number): unknown => (levels === 0 ? "leaf" : { a: nest(levels - 1) });
    expect(failure(z.unknown(), nest(33)).code).toBe("bad_request:body");
    expect(parseInput(z.unknown(), nest(31), "body")).toEqual(nest(31));
  });

  it("returns the parsed value", () => {
    expect(parseInput(z.object({ n: z.coerce.number().default(3) }), {}, "query")).toEqual({ n: 3 });
  });
});
