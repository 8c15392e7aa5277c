import { stat } from "node:fs/promises";
import path from "node:path";
import type { LaunchedChild } from "@/lib/platform/launcher/spawn-launched";
import { logger } from "@/lib/platform/logger";
import { OutputCapture } from "@/lib/sandbox/output-capture";
import { PidsCgroup } from "@/lib/sandbox/pids-cgroup";
import { SANDBOX_DEFAULTS } from "@/lib/sandbox/sandbox-defaults";
import { superviseSandboxed } from "@/lib/sandbox/supervise-sandboxed";
import type { SandboxCommand, SandboxDriver, SandboxResult } from "@/lib/sandbox/types";

/** What a driver runs: the wrapper below execs `argv` with exactly `env`. */
export type SandboxLaunch = {
  argv: string[];
  env: Record<string, string>;
  /** A NAME=value present in `env`, used to find escaped processes when there is no cgroup. */
  envTag?: string;
  /** Processes of the driver itself (bwrap) that count against the cgroup's limit. */
  overheadProcesses: number;
  /** Pipes the command gets as descriptors 3, 4... (bwrap's --info-fd and --block-fd). */
  extraPipes?: number;
  /**
   * Runs once the command is spawned, alongside it (attaching a network while bwrap waits
   * on its block descriptor). Resolves with a note for the output, or null.
   */
  attach?: (child: LaunchedChild) => Promise<string | null>;
  /** A PID namespace (its /proc/<pid>/ns/pid link) whose processes all belong to the command. */
  pidNamespace?: () => string | null;
  cleanup?: () => Promise<void>;
  /** When set, the command is not started: the result's output is this message. */
  refusal?: string;
};

export type EngineOptions = {
  driver: SandboxDriver["name"];
  /** Where per-command pids cgroups go; null means count processes by polling instead. */
  cgroupParent: string | null;
  /** Between SIGTERM and SIGKILL. */
  killGraceMs: number;
  /** How often the process count is polled when there is no cgroup. */
  watchIntervalMs: number;
};

function redactText(text: string, redact: string[] = []): string {
  const capture = new OutputCapture(Number.MAX_SAFE_INTEGER, redact);
  capture.write(Buffer.from(text, "utf8"));
  return capture.finish().output;
}

function isDirectory(dir: string): Promise<boolean> {
  return stat(dir).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

/**
 * Runs one command under a driver's launch plan with time, output, memory and process
 * caps, and kills its whole process tree when it ends, times out or is aborted. Never
 * rejects for a failing command; throws only for a relative cwd, which is a caller bug.
 */
export async function runSandboxed(
  command: SandboxCommand,
  launch: SandboxLaunch,
  options: EngineOptions,
): Promise<SandboxResult> {
  const started = performance.now();
  const shown = redactText(command.command, command.redact);
  const result = (partial: Partial<SandboxResult>): SandboxResult => ({
    command: shown,
    exitCode: null,
    signal: null,
    timedOut: false,
    cancelled: false,
    durationMs: performance.now() - started,
    output: "",
    truncated: false,
    ...partial,
  });
  let cgroup: PidsCgroup | null = null;
  try {
    if (!path.isAbsolute(command.cwd)) throw new TypeError(`sandbox: cwd must be absolute, got ${command.cwd}`);
    if (command.signal?.aborted) return result({ cancelled: true, output: "[sandbox: cancelled before it started]" });
    if (!(await isDirectory(command.cwd)))
      return result({ output: `[sandbox: the workspace ${command.cwd} is not a directory]` });
    if (launch.refusal) return result({ output: launch.refusal });
    const maxProcesses = command.maxProcesses ?? SANDBOX_DEFAULTS.maxProcesses;
    if (options.cgroupParent) {
      cgroup = await PidsCgroup.create(options.cgroupParent, maxProcesses + launch.overheadProcesses).catch(
        (error: unknown) => {
          logger.warn({ err: error }, "sandbox: could not create a pids cgroup; counting processes instead");
          return null;
        },
      );
    }
    const finished = result(await superviseSandboxed(command, shown, launch, options, cgroup, maxProcesses));
    const { exitCode, signal, timedOut, cancelled, durationMs } = finished;
    logger.debug(
      { driver: options.driver, command: shown, cwd: command.cwd, exitCode, signal, timedOut, cancelled, durationMs },
      "sandbox: command finished",
    );
    return finished;
  } finally {
    await cgroup?.remove();
    await launch.cleanup?.().catch((error: unknown) => logger.warn({ err: error }, "sandbox: cleanup failed"));
  }
}
