// The contract every sandbox driver meets. Commands run for a run in its workspace.

export type SandboxCommand = {
  /** Run with /bin/sh -c. */
  command: string;
  /** Absolute path of the workspace: the only writable place. */
  cwd: string;
  /** Extra variables (the project's declared secrets, PORT...). Nothing else of the host's leaks in. */
  env?: Record<string, string>;
  /** Default 10 minutes. */
  timeoutMs?: number;
  /** Output kept (stdout and stderr interleaved); past it the middle is cut with a marker. Default 1 MiB. */
  maxOutputBytes?: number;
  /** Memory cap per process (writable private memory, RLIMIT_DATA), MiB. Default 4096. */
  memoryLimitMb?: number;
  /** Cap on processes of the sandbox user. Default 512. */
  maxProcesses?: number;
  /** Network access (only the bwrap driver can take it away). Default false. */
  network?: boolean;
  /** Aborting kills the command's whole process tree. */
  signal?: AbortSignal;
  /** Values to replace with [redacted] in the output (secrets). */
  redact?: string[];
};

export type SandboxResult = {
  command: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  cancelled: boolean;
  durationMs: number;
  output: string;
  truncated: boolean;
};

export interface SandboxDriver {
  readonly name: "bwrap" | "process";
  /** Never rejects for a failing command: the result says how it ended. */
  run(command: SandboxCommand): Promise<SandboxResult>;
}
