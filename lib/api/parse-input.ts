import type { z } from "zod";
import { findUnsafeInput } from "@/lib/api/find-unsafe-input";
// Installs zod's messages written for people, process-wide, before anything is parsed.
import "@/lib/api/human-zod-message";
import { AppError } from "@/lib/platform/errors";

/** The dotted path of the field an issue is about ("settings.budget.maxAttempts"), or `fallback` for the whole input. */
function fieldOf(issue: z.core.$ZodIssue, fallback: string): string {
  const path = issue.path.map(String);
  // An unknown key is reported on its parent; name the key itself.
  if (issue.code === "unrecognized_keys" && issue.keys.length > 0) path.push(issue.keys[0]!);
  return path.length > 0 ? path.join(".") : fallback;
}

/** A 400 naming the first field at fault (`bad_request:<field path>`) and listing every problem. */
export function badRequestFrom(error: z.ZodError, fallback: string): AppError {
  const [first] = error.issues;
  const field = first ? fieldOf(first, fallback) : fallback;
  const problems = error.issues.slice(0, 5).map((issue) => `${fieldOf(issue, fallback)}: ${issue.message}`);
  if (error.issues.length > 5) problems.push(`and ${error.issues.length - 5} more`);
  return new AppError(`bad_request:${field}`, problems.join("; "));
}

/**
 * Parses a part of the request (params, query, body); `part` names it when the whole part
 * is wrong. A NUL character or nesting past 32 levels is refused before the schema runs
 * (find-unsafe-input.ts says why), so no such value ever reaches a query.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, part: string): z.output<S> {
  const unsafe = findUnsafeInput(value);
  if (unsafe) {
    const field = unsafe.path.length > 0 ? unsafe.path.join(".") : part;
    throw new AppError(`bad_request:${field}`, `${field}: ${unsafe.message}`);
  }
  const result = schema.safeParse(value);
  if (!result.success) throw badRequestFrom(result.error, part);
  return result.data;
}
