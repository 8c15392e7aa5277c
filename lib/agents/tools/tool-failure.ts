import { logger } from "@/lib/platform/logger";
import { WorkspacePathError } from "./workspace-path";

/** What a tool returns instead of throwing: the model reads the error and can try again. */
export type ToolFailure = { ok: false; error: string };

/** Thrown inside a tool for a mistake of the model's (bad range, no match...): reported as is. */
export class ToolInputError extends Error {}

/**
 * Turns an error from a tool into a result for the model. Expected mistakes keep their
 * message; anything else is logged and reported briefly (no stack traces into prompts).
 */
export function toolFailure(toolName: string, error: unknown): ToolFailure {
  if (error instanceof WorkspacePathError || error instanceof ToolInputError)
    return { ok: false, error: error.message };
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "EISDIR") return { ok: false, error: "That path is a directory" };
  if (code === "ENOTDIR") return { ok: false, error: "A parent of that path is a file, not a directory" };
  if (code === "EACCES" || code === "EPERM") return { ok: false, error: "Permission denied" };
  logger.warn({ err: error, toolName }, "agent tool failed");
  return { ok: false, error: `${toolName} failed: ${error instanceof Error ? error.message : String(error)}` };
}
