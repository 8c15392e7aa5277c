import { z } from "zod";

export const isoDate = z.iso.datetime().describe("ISO 8601 time, UTC");

export const iso = (date: Date): string => date.toISOString();
export const isoOrNull = (date: Date | null): string | null => (date ? date.toISOString() : null);

export const idParams = z.object({ id: z.uuid().describe("The resource's id") });

/** The one error shape of every route (lib/platform/errors.ts). */
export const errorBodySchema = z.object({
  error: z.object({
    code: z
      .string()
      .describe('"<kind>:<subject>", e.g. "forbidden:project" or "bad_request:goal" (the field at fault)'),
    message: z.string().describe("What went wrong, for people"),
  }),
});
