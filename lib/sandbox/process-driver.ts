import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type EngineOptions, runSandboxed } from "@/lib/sandbox/run-sandboxed";
import { sandboxEnv } from "@/lib/sandbox/sandbox-env";
import type { SandboxDriver } from "@/lib/sandbox/types";

export type ProcessDriverOptions = Partial<Omit<EngineOptions, "driver">>;

/**
 * Plain child processes: `/bin/sh -c` in the workspace, in a new session and process group.
 *
 * Guarantees: a scrubbed environment (PATH, HOME, LANG, LC_ALL, NODE_USE_SYSTEM_CA and the declared variables);
 * time, output and memory caps (RLIMIT_DATA per process); on timeout, abort or exit, every
 * process of the command is killed: SIGTERM, then SIGKILL after the grace period. With a
 * pids cgroup (root here) the process count is capped by the kernel and the member list is
 * exact, so processes that call setsid or double-fork die too.
 *
 * Does not guarantee: any isolation. The command runs as this server's user (root on a
 * dev machine) and can read and write anything that user can, reach the network and the
 * host's loopback services (`network`, `publishedPorts` and `hostPorts` change nothing),
 * and see other processes. Git works in a workspace as it does for that user: it can also
 * commit into the repository's mirror, write other runs' workspaces, and push to a local
 * project's repository (a GitHub push fails for want of credentials, which never reach
 * the environment). Without a cgroup the process count is polled (a fork bomb is killed
 * within one poll interval, not prevented), and a process that leaves the process group,
 * is re-parented and clears its environment escapes the kill; the result still returns.
 */
export function createProcessDriver(options: ProcessDriverOptions = {}): SandboxDriver {
  const engine: EngineOptions = {
    driver: "process",
    cgroupParent: options.cgroupParent ?? null,
    killGraceMs: options.killGraceMs ?? 2000,
    watchIntervalMs: options.watchIntervalMs ?? 100,
  };
  return {
    name: "process",
    async run(command) {
      // HOME is a throwaway directory outside the workspace: caches and dotfiles that tools
      // write there must not end up in the repository (and committed) or leak between runs.
      const home = await mkdtemp(path.join(os.tmpdir(), "mergeline-home-"));
      // Without a cgroup, the tag lets the kill find processes that left the process group.
      const envTag = engine.cgroupParent ? undefined : `MERGELINE_SANDBOX=${randomBytes(12).toString("hex")}`;
      const env = sandboxEnv({ home, declared: command.env });
      if (envTag) env.MERGELINE_SANDBOX = envTag.slice("MERGELINE_SANDBOX=".length);
      return runSandboxed(
        command,
        {
          argv: ["/bin/sh", "-c", command.command],
          env,
          envTag,
          overheadProcesses: 0,
          cleanup: () => rm(home, { recursive: true, force: true }),
        },
        engine,
      );
    },
  };
}
