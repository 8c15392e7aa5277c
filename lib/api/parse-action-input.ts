import type { z } from "zod";
import { findUnsafeInput } from "@/lib/api/find-unsafe-input";
// Installs zod's messages written for people, process-wide, before anything is parsed.
import "@/lib/api/human-zod-message";
import { FieldError } from "@/lib/platform/run-action";

/**
 * A server action's input, parsed with its schema, under the REST API's rules
 * (parse-input.ts): a NUL character or nesting past 32 levels is a field error before the
 * schema runs, so neither reaches a query; a schema failure throws its ZodError, which
 * runAction turns into one message per field. Either way the action stops before it
 * reads or writes anything.
 */
export function parseActionInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const unsafe = findUnsafeInput(input);
  if (unsafe) throw new FieldError({ [unsafe.path.join(".") || "input"]: unsafe.message });
  return schema.parse(input);
}
