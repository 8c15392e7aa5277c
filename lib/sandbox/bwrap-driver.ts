import { realpath } from "node:fs/promises";
import { BWRAP_HOME, bwrapArgs } from "@/lib/sandbox/bwrap-args";
import { type EngineOptions, runSandboxed } from "@/lib/sandbox/run-sandboxed";
import { sandboxEnv } from "@/lib/sandbox/sandbox-env";
import type { SandboxDriver, SandboxResult } from "@/lib/sandbox/types";

export type BwrapDriverOptions = Partial<Omit<EngineOptions, "driver">> & { bwrapPath?: string };

// Binding one of these read-write would hand the sandbox the host system.
const FORBIDDEN_WORKSPACES = [
  "/",
  "/usr",
  "/bin",
  "/sbin",
  "/lib",
  "/lib64",
  "/etc",
  "/proc",
  "/sys",
  "/dev",
  "/boot",
  "/root",
  "/home",
  "/var",
  "/tmp",
];

/**
 * bubblewrap: the command runs in its own user, PID, IPC, UTS, cgroup and (unless
 * `network`) network namespaces, as uid 1000 with no capabilities, on a read-only view of
 * the system with only the workspace writable and a private /tmp (see bwrap-args.ts).
 *
 * Guarantees: writes outside the workspace and its private /tmp fail (a symlink in the
 * workspace that points outside leads to a read-only or absent path); other host
 * processes are invisible; without `network` only the sandbox's own loopback exists; the
 * environment is exactly PATH, HOME, LANG, LC_ALL and the declared variables; killing bwrap
 * (as every timeout, abort or exit does) kills every process in the PID namespace, however
 * it forked or whatever signals it ignores; time, output and memory caps as in the engine.
 * The process count is capped by the kernel when a pids cgroup is available (root here).
 *
 * Does not guarantee: uid 1000 inside is the host's own uid outside (root when the server
 * runs as root), so RLIMIT_NPROC does not apply and, without a pids cgroup, a fork bomb is
 * only killed at the next poll; it can read what is bound (system files, Node.js, the
 * workspace); with `network` it shares the host's network, including services on the
 * host's loopback; there is no CPU or disk-space cap; kernel bugs are out of scope.
 * Inside, SIGTERM to bwrap takes the whole namespace down at once, so there is no grace
 * period for the command's own cleanup.
 */
export function createBwrapDriver(options: BwrapDriverOptions = {}): SandboxDriver {
  const engine: EngineOptions = {
    driver: "bwrap",
    cgroupParent: options.cgroupParent ?? null,
    killGraceMs: options.killGraceMs ?? 2000,
    watchIntervalMs: options.watchIntervalMs ?? 100,
  };
  const bwrapPath = options.bwrapPath ?? "/usr/bin/bwrap";
  return {
    name: "bwrap",
    async run(command): Promise<SandboxResult> {
      // Bind the real directory: a workspace path that is itself a symlink must not widen
      // what becomes writable.
      const workspace = await realpath(command.cwd).catch(() => command.cwd);
      // A caller bug, like a relative cwd: reject rather than report a failed command.
      if (FORBIDDEN_WORKSPACES.includes(workspace))
        throw new TypeError(`sandbox: refusing ${workspace} as a workspace`);
      // The environment reaches the sandbox through bwrap's own environment, which it
      // passes on. Not --clearenv plus --setenv: those would put the secrets in bwrap's
      // argv, which every host user can read in /proc/<pid>/cmdline.
      const env = sandboxEnv({ home: BWRAP_HOME, declared: command.env });
      return runSandboxed(
        { ...command, cwd: workspace },
        {
          argv: [
            bwrapPath,
            ...bwrapArgs({ workspace, network: command.network ?? false }),
            "/bin/sh",
            "-c",
            command.command,
          ],
          env,
          // bwrap outside and bwrap as PID 1 inside.
          overheadProcesses: 2,
        },
        engine,
      );
    },
  };
}
