import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import type { Readable, Writable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { logger } from "@/lib/platform/logger";

// Gives a bubblewrap sandbox a network without the host's loopback: slirp4netns, a user-mode
// TCP/IP stack, plugs a tap device into the sandbox's network namespace and makes the
// sandbox's connections from the host as ordinary sockets. With --disable-host-loopback its
// gateway (10.0.2.2) does not lead to the host's 127.0.0.1, so the app, the sidecar, the
// engine, a database and other runs' previews stay out of reach; DNS goes through its
// resolver at 10.0.2.3. It runs sandboxed itself (own mount namespace, capabilities
// dropped, seccomp), exits when its exit descriptor closes (this server ending included),
// and is stopped when the command ends.

// slirp4netns's own: it writes to the first when the network is up, exits when the second hangs up.
const SLIRP_FDS = { ready: 3, exit: 4 };
const READY_TIMEOUT_MS = 10_000;
const MTU = "65520";
// bwrap-args.ts's --uid.
const SANDBOX_UID = "1000";

/** What is looked at of bwrap's process: whether it ended. */
type BwrapProcess = { readonly exitCode: number | null; readonly signalCode: NodeJS.Signals | null };

export type AttachedNetwork = {
  /** Null when the network is up; else why the command runs without one. */
  note: string | null;
  stop: () => Promise<void>;
};

/**
 * Whether bwrap's child has finished its own setup and waits on its block descriptor. It
 * brings the sandbox's loopback up early in its setup, and slirp4netns brings it up too:
 * the two racing make bwrap fail ("loopback: Failed RTM_NEWADDR"). The child sets up as
 * uid 0 of a first user namespace (mounting /dev needs root mapped), and its last step
 * before it waits is to enter a nested one where the sandbox's uid 1000 is mapped: once
 * its uid_map names 1000, the loopback is long done.
 */
async function setUpByBwrap(pid: number, child: BwrapProcess): Promise<boolean> {
  for (const deadline = performance.now() + READY_TIMEOUT_MS; performance.now() < deadline; await sleep(2)) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    const map = await readFile(`/proc/${pid}/uid_map`, "utf8").catch(() => null);
    if (map === null) return false;
    if (map.trim().split(/\s+/)[0] === SANDBOX_UID) return true;
  }
  return false;
}

/**
 * Attaches slirp4netns to the sandbox `child` (bwrap, whose PID 1 is `pid`, waiting on its
 * --block-fd, whose other end is `block`), then lets the command start. When slirp4netns
 * fails, the command still starts, with no network, and `note` says so. Needs the host's
 * root: slirp4netns must enter a network namespace owned by a user namespace bwrap made.
 */
export async function attachNetwork({
  slirpPath,
  child,
  pid,
  block,
}: {
  slirpPath: string;
  child: BwrapProcess;
  pid: number | null;
  block: Writable | null;
}): Promise<AttachedNetwork> {
  const release = () => {
    block?.on("error", () => undefined);
    block?.end("1");
  };
  const failed = (reason: string): AttachedNetwork => {
    logger.warn({ reason }, "sandbox: could not attach a network; the command runs without one");
    release();
    return {
      note: `[sandbox: network was requested but could not be set up (${reason}); the command ran without it]`,
      stop: async () => undefined,
    };
  };
  if (!block) return failed("no descriptor to bubblewrap");
  if (!pid) return failed("bubblewrap did not report its child");
  if (!(await setUpByBwrap(pid, child))) return failed("bubblewrap did not finish setting up the sandbox");

  const slirp = spawn(
    slirpPath,
    [
      "--configure",
      `--mtu=${MTU}`,
      "--disable-host-loopback",
      "--enable-sandbox",
      "--enable-seccomp",
      `--ready-fd=${SLIRP_FDS.ready}`,
      `--exit-fd=${SLIRP_FDS.exit}`,
      "--netns-type=path",
      `/proc/${pid}/ns/net`,
      "tap0",
    ],
    { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] }, // stderr, SLIRP_FDS.ready, SLIRP_FDS.exit
  );
  let stderr = "";
  slirp.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  const exited = new Promise<void>((resolve) => {
    slirp.once("exit", () => resolve());
    slirp.once("error", () => resolve());
  });
  const exitFd = slirp.stdio[SLIRP_FDS.exit] as Writable;
  exitFd.on("error", () => undefined);
  const stop = async () => {
    // slirp4netns exits on hang-up, which a half-close (end) does not give.
    exitFd.destroy();
    const timer = setTimeout(() => slirp.kill("SIGKILL"), 1000);
    await exited;
    clearTimeout(timer);
  };
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
    (slirp.stdio[SLIRP_FDS.ready] as Readable).once("data", () => {
      clearTimeout(timer);
      resolve(true);
    });
    void exited.then(() => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  if (!ready) {
    await stop();
    const detail = stderr
      .split("\n")
      .filter((line) => line && !/^WARNING: Support for seccomp is experimental/.test(line))
      .slice(-2)
      .join("; ");
    return failed(`slirp4netns: ${detail || "not ready in time"}`);
  }
  release();
  return { note: null, stop };
}
