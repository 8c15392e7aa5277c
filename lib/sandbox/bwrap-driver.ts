import { realpathSync } from "node:fs";
import { type FileHandle, open, readlink, realpath } from "node:fs/promises";
import type { Duplex } from "node:stream";
import type { LaunchedChild } from "@/lib/platform/launcher/spawn-launched";
import { type AttachedNetwork, attachNetwork } from "@/lib/sandbox/attach-network";
import { BWRAP_HOME, bwrapArgs } from "@/lib/sandbox/bwrap-args";
import { findSandboxNetwork, type SandboxNetwork } from "@/lib/sandbox/find-sandbox-network";
import { openPortRelay, type PortRelay } from "@/lib/sandbox/port-relay";
import { readBwrapChildPid } from "@/lib/sandbox/read-bwrap-child-pid";
import { RELAY_SCRIPT } from "@/lib/sandbox/relay-script";
import { type EngineOptions, runSandboxed } from "@/lib/sandbox/run-sandboxed";
import { sandboxEnv } from "@/lib/sandbox/sandbox-env";
import { sandboxResolvConf } from "@/lib/sandbox/sandbox-resolv-conf";
import type { SandboxDriver, SandboxResult } from "@/lib/sandbox/types";
import { worktreeMounts } from "@/lib/sandbox/worktree-mounts";

export type BwrapDriverOptions = Partial<Omit<EngineOptions, "driver">> & {
  bwrapPath?: string;
  network?: SandboxNetwork;
};

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

// The relay (Node.js, --v8-pool-size=1) as seen by a pids cgroup: its main thread, V8's
// worker, libuv's signal and I/O threads. Not the command's to spend.
const RELAY_TASKS = 6;
// The launch's extra descriptors: bwrap's --info-fd always; with a network its --block-fd
// and the resolv.conf it binds (--ro-bind-data: no file on the host to clean up).
const INFO_FD = 3;
const BLOCK_FD = 4;
const RESOLV_FD = 5;
// Node types a child's stdio as five entries; extraPipes makes as many as asked.
const pipe = (child: LaunchedChild, fd: number): Duplex | null => child.stdio[fd] ?? null;

/**
 * bubblewrap: the command runs in its own user, PID, IPC, UTS, cgroup and network
 * namespaces, as uid 1000 with no capabilities, on a read-only view of the system with only
 * the workspace writable and a private /tmp (see bwrap-args.ts).
 *
 * Guarantees: writes outside the workspace and its private /tmp fail (a symlink in the
 * workspace that points outside leads to a read-only or absent path); other host
 * processes are invisible; the host's loopback is never reachable: without `network` only
 * the sandbox's own loopback exists, with it slirp4netns (attach-network.ts) gives the
 * outside world and nothing of the host's 127.0.0.1 but the `hostPorts` asked for
 * (port-relay.ts); `publishedPorts` answer on the host's 127.0.0.1. When the workspace is
 * a git worktree, its git dir and the repository's objects and refs are bound read-only
 * (worktree-mounts.ts): git reads work, commits, ref updates and pushes fail. The
 * environment is exactly PATH, HOME, LANG, LC_ALL, NODE_USE_SYSTEM_CA and the declared variables; killing bwrap
 * (as every timeout, abort or exit does) kills every process in the PID namespace, however
 * it forked or whatever signals it ignores; time, output and memory caps as in the engine.
 * The process count is capped by the kernel when a pids cgroup is available (root here).
 *
 * Does not guarantee: uid 1000 inside is the host's own uid outside (root when the server
 * runs as root), so RLIMIT_NPROC does not apply and, without a pids cgroup, a fork bomb is
 * only killed at the next poll; it can read what is bound (system files, Node.js, the
 * workspace, every object of its repository's mirror); with `network` it reaches what the
 * host reaches beyond its loopback, including services of the host that listen on all
 * addresses (0.0.0.0) at the host's other addresses; without slirp4netns (or when not root)
 * `network` is refused, with a note in the output; there is no CPU or disk-space cap;
 * kernel bugs are out of scope. Inside, SIGTERM to bwrap takes the whole namespace down at
 * once, so there is no grace period for the command's own cleanup.
 */
export function createBwrapDriver(options: BwrapDriverOptions = {}): SandboxDriver {
  const engine: EngineOptions = {
    driver: "bwrap",
    cgroupParent: options.cgroupParent ?? null,
    killGraceMs: options.killGraceMs ?? 2000,
    watchIntervalMs: options.watchIntervalMs ?? 100,
  };
  const bwrapPath = options.bwrapPath ?? "/usr/bin/bwrap";
  const network = options.network ?? findSandboxNetwork();
  const nodePath = realpathSync(process.execPath);
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
      const slirpPath = command.network ? network.slirpPath : null;
      const mounts = [
        ...(await worktreeMounts(workspace)),
        ...(command.readOnlyMounts ?? []).flatMap((dir) => ["--ro-bind", dir, dir]),
        // Written into RESOLV_FD by `attach`, before bwrap reads it.
        ...(slirpPath ? ["--ro-bind-data", String(RESOLV_FD), "/etc/resolv.conf"] : []),
      ];
      const publishedPorts = command.publishedPorts ?? [];
      const hostPorts = command.hostPorts ?? [];
      let relay: PortRelay | null = null;
      let refusal: string | undefined;
      if (publishedPorts.length > 0 || hostPorts.length > 0) {
        relay = await openPortRelay({ publishedPorts, hostPorts }).catch((error: unknown) => {
          refusal = `[sandbox: could not relay ports ${[...publishedPorts, ...hostPorts].join(", ")}: ${error instanceof Error ? error.message : String(error)}]`;
          return null;
        });
      }
      let attached: AttachedNetwork | null = null;
      // bwrap may exit a moment before the processes of its PID namespace are gone: the
      // engine looks for them by this namespace too.
      let pidNamespace: string | null = null;
      let namespaceHandle: FileHandle | null = null;
      const extraMounts = [...mounts, ...(relay?.mounts ?? [])];
      const inner = relay
        ? [nodePath, "--v8-pool-size=1", "-e", RELAY_SCRIPT, relay.spec, "/bin/sh", "-c", command.command]
        : ["/bin/sh", "-c", command.command];
      return runSandboxed(
        { ...command, cwd: workspace },
        {
          argv: [
            bwrapPath,
            ...bwrapArgs({ workspace, extraMounts, infoFd: INFO_FD, blockFd: slirpPath ? BLOCK_FD : undefined }),
            ...inner,
          ],
          env,
          // bwrap outside and bwrap as PID 1 inside, and the relay when there is one.
          overheadProcesses: 2 + (relay ? RELAY_TASKS : 0),
          extraPipes: slirpPath ? 3 : 1,
          attach: async (child) => {
            if (slirpPath)
              pipe(child, RESOLV_FD)
                ?.on("error", () => undefined)
                .end(sandboxResolvConf());
            const pid = await readBwrapChildPid(pipe(child, INFO_FD), child);
            // Held open, the namespace cannot be freed and its number given to another
            // sandbox's while the engine may still be killing by it.
            namespaceHandle = pid ? await open(`/proc/${pid}/ns/pid`, "r").catch(() => null) : null;
            pidNamespace = namespaceHandle
              ? await readlink(`/proc/self/fd/${namespaceHandle.fd}`).catch(() => null)
              : null;
            if (!command.network) return null;
            if (!slirpPath)
              return `[sandbox: network was requested but is not available here (${network.reason}); the command ran without it]`;
            attached = await attachNetwork({ slirpPath, child, pid, block: pipe(child, BLOCK_FD) });
            return attached.note;
          },
          pidNamespace: () => pidNamespace,
          cleanup: async () => {
            await attached?.stop();
            await relay?.close();
            await namespaceHandle?.close();
          },
          refusal,
        },
        engine,
      );
    },
  };
}
