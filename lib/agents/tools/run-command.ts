import { tool } from "ai";
import { z } from "zod";
import type { ToolContext } from "./tool-context";
import { toolFailure } from "./tool-failure";

const DEFAULT_TIMEOUT_MS = 5 * 60_000;
const MAX_OUTPUT_BYTES = 512 * 1024;
// What the model sees of the output: its end, where test runners print failures and totals.
const SHOWN_OUTPUT_CHARS = 8000;

function tail(output: string): string {
  if (output.length <= SHOWN_OUTPUT_CHARS) return output;
  return `[... ${output.length - SHOWN_OUTPUT_CHARS} earlier characters cut ...]\n${output.slice(-SHOWN_OUTPUT_CHARS)}`;
}

export function runCommand({
  workspacePath,
  sandbox,
  commandEnv,
  redact,
  commandTimeoutMs = DEFAULT_TIMEOUT_MS,
}: ToolContext) {
  return tool({
    description:
      "Run a shell command (sh -c) in the repository's root inside the sandbox, e.g. the tests. No network. " +
      "Returns the exit code and the end of the combined output. Do not commit, push or change git history.",
    inputSchema: z.object({
      command: z.string().min(1).max(4000),
      timeoutSeconds: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe(`Default and maximum ${commandTimeoutMs / 1000}`),
    }),
    execute: async ({ command, timeoutSeconds }, { abortSignal }) => {
      try {
        const result = await sandbox.run({
          command,
          cwd: workspacePath,
          env: commandEnv,
          timeoutMs: Math.min((timeoutSeconds ?? Infinity) * 1000, commandTimeoutMs),
          maxOutputBytes: MAX_OUTPUT_BYTES,
          network: false,
          signal: abortSignal,
          redact,
        });
        return {
          ok: true as const,
          command,
          exitCode: result.exitCode,
          signal: result.signal,
          timedOut: result.timedOut,
          durationMs: Math.round(result.durationMs),
          output: tail(result.output),
        };
      } catch (error) {
        return toolFailure("run_command", error);
      }
    },
  });
}
