import { mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import { mkdir, readFile, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { logger } from "@/lib/platform/logger";

// As root, RLIMIT_NPROC is not enforced (the kernel exempts uid 0, and bwrap's user
// namespace maps the sandbox user back to uid 0), so the only kernel-enforced cap on the
// number of processes is the pids cgroup controller. It is available when this process
// may create child cgroups under its own pids cgroup (root with a writable cgroupfs, or a
// delegated cgroup v2 subtree with the pids controller enabled); otherwise the drivers
// fall back to watching the process count, which is weaker.

const PREFIX = "mergeline-";
let sequence = 0;

type MountInfo = { root: string; mountPoint: string; fsType: string; superOptions: string[] };

function readMounts(): MountInfo[] {
  return readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [before, after] = line.split(" - ");
      const fields = before.split(" ");
      const [fsType, , superOptions = ""] = after.split(" ");
      return { root: fields[3], mountPoint: fields[4], fsType, superOptions: superOptions.split(",") };
    });
}

/** The directory of this process's own pids cgroup, whether v1 (`pids` hierarchy) or v2. */
function ownPidsCgroupDir(): string | null {
  const lines = readFileSync("/proc/self/cgroup", "utf8").split("\n").filter(Boolean);
  const mounts = readMounts();
  const v1 = lines.find((line) => line.split(":")[1]?.split(",").includes("pids"));
  const [, , cgroupPath] = (v1 ?? lines.find((line) => line.startsWith("0::")) ?? "").split(":");
  if (cgroupPath === undefined) return null;
  const mount = v1
    ? mounts.find((m) => m.fsType === "cgroup" && m.superOptions.includes("pids"))
    : mounts.find((m) => m.fsType === "cgroup2");
  if (!mount) return null;
  const relative = path.posix.relative(mount.root, cgroupPath);
  if (relative.startsWith("..")) return null;
  return path.join(mount.mountPoint, relative);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes cgroups left by a server that died mid-command, killing what still runs in them. */
function removeStaleCgroups(parent: string): void {
  for (const name of readdirSync(parent)) {
    const match = /^mergeline-(\d+)-\d+$/.exec(name);
    if (!match || Number(match[1]) === process.pid || isAlive(Number(match[1]))) continue;
    const dir = path.join(parent, name);
    try {
      for (const pid of readFileSync(path.join(dir, "cgroup.procs"), "utf8").split("\n").filter(Boolean)) {
        process.kill(Number(pid), "SIGKILL");
      }
      rmdirSync(dir);
    } catch (error) {
      logger.warn({ err: error, dir }, "sandbox: could not remove a stale cgroup");
    }
  }
}

/**
 * Finds a place where per-command pids cgroups can be created, proving it by creating one
 * and setting its limit. Returns null (never throws) when there is none.
 */
export function findPidsCgroupParent(): string | null {
  try {
    const parent = ownPidsCgroupDir();
    if (!parent) return null;
    const probe = path.join(parent, `${PREFIX}probe-${process.pid}`);
    mkdirSync(probe);
    try {
      writeFileSync(path.join(probe, "pids.max"), "16");
    } finally {
      rmdirSync(probe);
    }
    removeStaleCgroups(parent);
    return parent;
  } catch (error) {
    logger.debug({ err: error }, "sandbox: no usable pids cgroup");
    return null;
  }
}

/** One command's pids cgroup: a kernel-enforced process cap and an exact member list. */
export class PidsCgroup {
  private constructor(readonly dir: string) {}

  static async create(parent: string, maxTasks: number): Promise<PidsCgroup> {
    const dir = path.join(parent, `${PREFIX}${process.pid}-${++sequence}`);
    await mkdir(dir);
    const cgroup = new PidsCgroup(dir);
    try {
      await writeFile(path.join(dir, "pids.max"), String(maxTasks));
    } catch (error) {
      await cgroup.remove();
      throw error;
    }
    return cgroup;
  }

  /** Written by the wrapper shell with its own pid before it execs the command. */
  get procsFile(): string {
    return path.join(this.dir, "cgroup.procs");
  }

  /** Every live process in the cgroup, wherever it moved in the process tree. */
  async members(): Promise<number[]> {
    try {
      const text = await readFile(this.procsFile, "utf8");
      return text.split("\n").filter(Boolean).map(Number);
    } catch {
      return [];
    }
  }

  /** How many times the kernel refused a fork or clone because of pids.max. */
  async refusedForks(): Promise<number> {
    try {
      const events = await readFile(path.join(this.dir, "pids.events"), "utf8");
      return Number(/^max (\d+)/m.exec(events)?.[1] ?? 0);
    } catch {
      return 0;
    }
  }

  /** rmdir fails while exiting tasks are still being released, so retry for a moment. */
  async remove(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await rmdir(this.dir);
        return;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT") return;
        if (attempt >= 20) {
          logger.warn({ err: error, dir: this.dir }, "sandbox: could not remove a command's cgroup");
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
  }
}
