import type { Readable, Writable } from "node:stream";

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
  /** Memory cap per process (writable private memory, RLIMIT_DATA), MiB. Default 4096. Node.js 24 needs about 640 to start. */
  memoryLimitMb?: number;
  /** Cap on processes of the sandbox user. Default 512. */
  maxProcesses?: number;
  /**
   * Access to the outside world (only the bwrap driver can take it away). Never to the
   * host's loopback services: see `hostPorts` for the few a command may reach. Default false.
   */
  network?: boolean;
  /**
   * Ports the command listens on at 127.0.0.1 inside the sandbox (a preview server) that
   * must answer on the host's 127.0.0.1 at the same number. (The process driver shares
   * the host's network: there they need nothing, as do `hostPorts`.)
   */
  publishedPorts?: number[];
  /** Ports on the host's 127.0.0.1 the command may reach at 127.0.0.1 inside (a preview under test). */
  hostPorts?: number[];
  /**
   * Host directories the command may read (and run programs from) at their own paths: a CLI
   * agent's installation in Mergeline's tools directory. Bound read-only; the process
   * driver sees the whole host anyway.
   */
  readOnlyMounts?: string[];
  /** Aborting kills the command's whole process tree. */
  signal?: AbortSignal;
  /** Values to replace with [redacted] in the output (secrets). */
  redact?: string[];
  /** Receives the output as it arrives, redacted (a long-running service's live log). */
  onOutput?: (text: string) => void;
  /**
   * Talk to the command over its standard input and output (an MCP server over stdio): called
   * once it is spawned. Its stdout is then the caller's alone, unredacted and uncapped; only
   * stderr is the result's output.
   */
  onStdio?: (io: SandboxStdio) => void;
};

export type SandboxStdio = { stdin: Writable; stdout: Readable };

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
