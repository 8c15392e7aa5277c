import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createBwrapDriver } from "@/lib/sandbox/bwrap-driver";
import { findPidsCgroupParent } from "@/lib/sandbox/pids-cgroup";
import { probeBwrap } from "@/lib/sandbox/probe-bwrap";
import { createProcessDriver } from "@/lib/sandbox/process-driver";
import type { SandboxDriver } from "@/lib/sandbox/types";

// Shared by the sandbox tests (not itself a test file).

export type DriverVariant = { label: string; driver: SandboxDriver; limit: "cgroup" | "watch" };

const cgroupParent = findPidsCgroupParent();
export const bwrapProbe = probeBwrap();

// A short grace keeps the kill tests quick; 50 ms polls make the watchdog tests quick.
const fast = { killGraceMs: 300, watchIntervalMs: 50 };

/** Every driver and process-limit mode this machine supports. */
export function driverVariants(): DriverVariant[] {
  const variants: DriverVariant[] = [];
  if (cgroupParent)
    variants.push({
      label: "process, pids cgroup",
      driver: createProcessDriver({ ...fast, cgroupParent }),
      limit: "cgroup",
    });
  variants.push({ label: "process, watched", driver: createProcessDriver(fast), limit: "watch" });
  if (bwrapProbe.ok) {
    if (cgroupParent)
      variants.push({
        label: "bwrap, pids cgroup",
        driver: createBwrapDriver({ ...fast, cgroupParent }),
        limit: "cgroup",
      });
    variants.push({ label: "bwrap, watched", driver: createBwrapDriver(fast), limit: "watch" });
  }
  return variants;
}

export function bwrapVariants(): DriverVariant[] {
  return driverVariants().filter((variant) => variant.driver.name === "bwrap");
}

/** A fresh workspace directory (real path: /tmp may be a symlink elsewhere). */
export function makeWorkspace(): { dir: string; remove: () => void } {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), "mergeline-sandbox-test-")));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A number for `sleep` that no other process on the machine has in its command line. */
export function uniqueSleep(): string {
  return `1000.${process.pid}${Math.floor(Math.random() * 1e9)}`;
}

/** Live processes (zombies have no command line) whose command line contains `token`. */
export function processesWith(token: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, "utf8").includes(token)) pids.push(Number(name));
    } catch {
      // Exited while we looked.
    }
  }
  return pids;
}
