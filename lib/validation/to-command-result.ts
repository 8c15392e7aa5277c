import type { CommandResult } from "@/db/schema";
import type { SandboxResult } from "@/lib/sandbox/types";

/** A sandboxed command's result as a validation records it. */
export function toCommandResult(result: SandboxResult): CommandResult {
  return {
    command: result.command,
    exitCode: result.exitCode,
    signal: result.signal,
    durationMs: Math.round(result.durationMs),
    timedOut: result.timedOut,
    output: result.output,
  };
}
