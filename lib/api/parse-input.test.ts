import { describe, expect, it } from "vitest";
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

  it("returns the parsed value", () => {
    expect(parseInput(z.object({ n: z.coerce.number().default(3) }), {}, "query")).toEqual({ n: 3 });
  });
});
