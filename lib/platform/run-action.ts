import { z } from "zod";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";

// Server actions answer { ok } or { error } (with the fields at fault, when known) so that
// forms can show the message where it belongs; anything unexpected is logged and reported
// as "nothing was changed" (every action's work is one transaction, so that is true).

export type FieldErrors = Record<string, string>;
export type ActionResult<T extends object = object> =
  | ({ ok: true } & T)
  | { ok: false; error: string; fieldErrors?: FieldErrors };

/** A zod error as one message per field path ("budget.maxAttempts"); an unknown field is named itself. */
export function fieldErrorsOf(error: z.ZodError, prefix: (string | number)[] = []): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "unrecognized_keys" && issue.keys.length > 0) path.push(issue.keys[0]!);
    errors[path.map(String).join(".") || "input"] ??= issue.message;
  }
  return errors;
}

/** Thrown by an action whose input failed checks beyond its schema, field by field. */
export class FieldError extends Error {
  constructor(readonly fieldErrors: FieldErrors) {
    super(
      Object.entries(fieldErrors)
        .map(([field, message]) => `${field}: ${message}`)
        .join("; "),
    );
  }
}

export async function runAction<T extends object>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, ...(await work()) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.message };
    if (error instanceof FieldError)
      return { ok: false, error: "Some fields need a fix", fieldErrors: error.fieldErrors };
    if (error instanceof z.ZodError) {
      const fieldErrors = fieldErrorsOf(error);
      return {
        ok: false,
        error: Object.entries(fieldErrors)
          .map(([field, message]) => `${field}: ${message}`)
          .join("; "),
        fieldErrors,
      };
    }
    logger.error({ err: error }, "server action failed");
    return { ok: false, error: "Something went wrong; nothing was changed" };
  }
}
