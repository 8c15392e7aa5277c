import type { SandboxCommand, SandboxDriver, SandboxResult } from "@/lib/sandbox/types";

// A long-running command (a preview server) on the same driver as every other command:
// same isolation, environment scrubbing, memory and process caps, and whole-tree kill.
// The driver's run() resolves when the command ends, so a service is a run() that is not
// awaited: `exited` settles when it crashes or is stopped; stop() aborts it.

export type ServiceCommand = Omit<SandboxCommand, "timeoutMs" | "signal"> & {
  /** Aborting (the run's cancel) stops the service like stop() does. */
  signal?: AbortSignal;
  /** Hard cap on the service's lifetime. Default 24 hours. */
  maxLifetimeMs?: number;
};

export type RunningService = {
  /** Settles when the service's process tree has ended, for whatever reason. */
  exited: Promise<SandboxResult>;
  /** Whether it is still running. */
  running: () => boolean;
  /** Kills the whole process tree (SIGTERM, then SIGKILL) and waits for it. */
  stop: () => Promise<SandboxResult>;
};

const DAY_MS = 24 * 60 * 60_000;

/** Starts `command` in the sandbox without waiting for it to finish. */
export function startService(sandbox: SandboxDriver, command: ServiceCommand): RunningService {
  const controller = new AbortController();
  const outer = command.signal;
  const onOuterAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  else outer?.addEventListener("abort", onOuterAbort, { once: true });
  let done = false;
  const exited = sandbox
    .run({ ...command, timeoutMs: command.maxLifetimeMs ?? DAY_MS, signal: controller.signal })
    .finally(() => {
      done = true;
      outer?.removeEventListener("abort", onOuterAbort);
    });
  return {
    exited,
    running: () => !done,
    stop: () => {
      controller.abort("stopped");
      return exited;
    },
  };
}
