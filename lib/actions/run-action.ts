import { z } from "zod";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

// Server actions answer { ok } or { error } so that forms can show the message; known
// errors keep theirs, anything else is logged and reported as "nothing was changed" (every
// action's work is one transaction, so that is true).

export type ActionResult<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };

export async function runAction<T extends object>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, ...(await work()) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.message };
    if (error instanceof z.ZodError) return { ok: false, error: error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; ") };
    logger.error({ err: error }, "server action failed");
    return { ok: false, error: "Something went wrong; nothing was changed" };
  }
}
