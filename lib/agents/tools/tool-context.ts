import type { ProjectCodeIndex } from "@/lib/code-index/project-code-index";
import type { SandboxDriver } from "@/lib/sandbox/types";

/** What every agent tool of a run is made with. */
export type ToolContext = {
  /** Absolute path of the run's workspace: the only place file tools reach. */
  workspacePath: string;
  sandbox: SandboxDriver;
  /** Variables for commands (the project's declared secrets...). */
  commandEnv?: Record<string, string>;
  /** Secret values the sandbox replaces with [redacted] in command output. */
  redact?: string[];
  /** Cap on one run_command, default 5 minutes. */
  commandTimeoutMs?: number;
  /** The project's code index: with it, search_code and find_symbol are offered. */
  codeIndex?: ProjectCodeIndex | null;
};
