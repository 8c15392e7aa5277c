import { lstatSync, readlinkSync, realpathSync } from "node:fs";
import path from "node:path";

/** HOME inside the sandbox: on the private /tmp, gone when the command ends. */
export const BWRAP_HOME = "/tmp/home";

const SYSTEM_DIRS = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];
// Only what programs need from /etc. Not all of it: inside, the sandbox user maps back to
// the host's root (see bwrap-driver.ts), so a root-owned 0600 file such as /etc/shadow
// would be readable if it were bound.
const ETC_ENTRIES = [
  "alternatives",
  "ca-certificates",
  "ca-certificates.conf",
  "gai.conf",
  "group",
  "host.conf",
  "hosts",
  "ld.so.cache",
  "ld.so.conf",
  "ld.so.conf.d",
  "localtime",
  "mime.types",
  "nsswitch.conf",
  "os-release",
  "passwd",
  "protocols",
  "resolv.conf",
  "services",
  "ssl",
  "timezone",
];

const isUnder = (child: string, parent: string) => child === parent || child.startsWith(`${parent}/`);

function systemMounts(): string[] {
  const args: string[] = [];
  const bound: string[] = [];
  for (const dir of SYSTEM_DIRS) {
    try {
      const info = lstatSync(dir);
      // Merged-/usr systems make /bin, /lib... symlinks into /usr: recreate the link.
      if (info.isSymbolicLink()) args.push("--symlink", readlinkSync(dir), dir);
      else if (info.isDirectory()) {
        args.push("--ro-bind", dir, dir);
        bound.push(dir);
      }
    } catch {
      // Not on this system (e.g. /lib32).
    }
  }
  for (const entry of ETC_ENTRIES) args.push("--ro-bind-try", `/etc/${entry}`, `/etc/${entry}`);
  // Node.js may be installed outside /usr (nvm, /opt): bind its whole prefix read-only so
  // node, npm and npx work. process.execPath is already the resolved path.
  const prefix = path.dirname(path.dirname(realpathSync(process.execPath)));
  if (!bound.some((dir) => isUnder(prefix, dir))) args.push("--ro-bind", prefix, prefix);
  return args;
}

// The host's layout does not change while the server runs: compute it once.
let mounts: string[] | undefined;

export type BwrapOptions = {
  workspace: string;
  /** More mount arguments, applied after the workspace (the worktree's git dir, resolv.conf, the port relay). */
  extraMounts?: string[];
  /** A descriptor bwrap writes its child's pid to (JSON, `child-pid`), the sandbox's PID 1. */
  infoFd?: number;
  /** A descriptor bwrap waits on for a byte before it runs the command (a network is attached meanwhile). */
  blockFd?: number;
};

/**
 * bubblewrap's arguments for a command in `workspace`: new user, PID, IPC, UTS, cgroup and
 * network namespaces; an unprivileged uid 1000 with no capabilities; a read-only root with
 * the system directories, a few /etc files and Node.js; a private /tmp, minimal /proc and
 * /dev; the workspace bound read-write at its own path. The network namespace starts with
 * only its own loopback; a network is attached from outside when a command gets one.
 */
export function bwrapArgs({ workspace, extraMounts = [], infoFd, blockFd }: BwrapOptions): string[] {
  mounts ??= systemMounts();
  return [
    "--unshare-user",
    "--uid",
    "1000",
    "--gid",
    "1000",
    "--unshare-pid",
    "--unshare-ipc",
    "--unshare-uts",
    "--unshare-cgroup-try",
    "--unshare-net",
    "--hostname",
    "sandbox",
    // If bwrap dies (killed, or its parent, this server, dies), the sandbox's PID 1 gets
    // SIGKILL, and the kernel then kills every process in the PID namespace.
    "--die-with-parent",
    // A new session: no controlling terminal to push keystrokes into (TIOCSTI).
    "--new-session",
    "--cap-drop",
    "ALL",
    ...(infoFd === undefined ? [] : ["--info-fd", String(infoFd)]),
    ...(blockFd === undefined ? [] : ["--block-fd", String(blockFd)]),
    ...mounts,
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    "--tmpfs",
    "/tmp",
    "--dir",
    BWRAP_HOME,
    "--bind",
    workspace,
    workspace,
    ...extraMounts,
    "--chdir",
    workspace,
    // Last, so it covers the directories bwrap created above but not the mounts on them.
    "--remount-ro",
    "/",
  ];
}
