import type { CommandResult, ProjectSettings } from "@/db/schema";
import type { SandboxDriver, SandboxResult } from "@/lib/sandbox/types";
import { summarizeFailure } from "@/lib/validation/summarize-failure";

export type ValidationOutcome = {
  status: "passed" | "failed" | "cancelled";
  setup: CommandResult[];
  tests: CommandResult[];
  summary: string;
};

const SETUP_TIMEOUT_MS = 15 * 60_000;
const TEST_TIMEOUT_MS = 15 * 60_000;

function toCommandResult(result: SandboxResult): CommandResult {
  return {
    command: result.command,
    exitCode: result.exitCode,
    signal: result.signal,
    durationMs: Math.round(result.durationMs),
    timedOut: result.timedOut,
    output: result.output,
  };
}

/**
 * Validation, first form: the project's setup commands, then its test commands, in the
 * sandbox, in the run's workspace. Stops at the first failure. Setup may use the network
 * (package registries); tests only when the project allows it.
 */
export async function runValidation({
  sandbox,
  workspacePath,
  settings,
  env = {},
  redact = [],
  signal,
}: {
  sandbox: SandboxDriver;
  workspacePath: string;
  settings: Pick<ProjectSettings, "setupCommands" | "testCommands" | "allowNetworkInTests">;
  env?: Record<string, string>;
  redact?: string[];
  signal?: AbortSignal;
}): Promise<ValidationOutcome> {
  const outcome: ValidationOutcome = { status: "passed", setup: [], tests: [], summary: "" };
  const phases = [
    { phase: "setup" as const, commands: settings.setupCommands, network: true, timeoutMs: SETUP_TIMEOUT_MS },
    { phase: "tests" as const, commands: settings.testCommands, network: settings.allowNetworkInTests, timeoutMs: TEST_TIMEOUT_MS },
  ];
  for (const { phase, commands, network, timeoutMs } of phases) {
    for (const command of commands) {
      const result = await sandbox.run({ command, cwd: workspacePath, env, redact, network, timeoutMs, signal });
      outcome[phase].push(toCommandResult(result));
      if (result.cancelled || signal?.aborted) {
        return { ...outcome, status: "cancelled", summary: `Validation was cancelled during \`${command}\`.` };
      }
      if (result.exitCode !== 0) {
        return { ...outcome, status: "failed", summary: summarizeFailure(phase, toCommandResult(result)) };
      }
    }
  }
  const ran = outcome.setup.length + outcome.tests.length;
  return { ...outcome, summary: ran === 0 ? "No setup or test commands are configured." : `All ${ran} command${ran === 1 ? "" : "s"} passed.` };
}
