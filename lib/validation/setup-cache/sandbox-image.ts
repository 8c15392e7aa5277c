import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { env, systemPath } from "@/lib/platform/env";
import type { SandboxDriver } from "@/lib/sandbox/types";

const images = new Map<string, string>();

function osRelease(): string {
  try {
    const text = readFileSync("/etc/os-release", "utf8");
    const field = (name: string) => new RegExp(`^${name}="?([^"\\n]*)"?$`, "m").exec(text)?.[1] ?? "";
    return `${field("ID")} ${field("VERSION_ID")}`.trim();
  } catch {
    return "unknown";
  }
}

function bwrapVersion(): string {
  const probe = spawnSync("bwrap", ["--version"], {
    env: { NODE_ENV: env.NODE_ENV, PATH: systemPath },
    encoding: "utf8",
    timeout: 5000,
  });
  return probe.status === 0 ? probe.stdout.trim() : "bwrap unknown";
}

/**
 * What the sandbox's setup ran on, as far as installed state depends on it: the driver,
 * the Node.js the sandbox binds (npm comes with it, native modules build against it), the
 * architecture, the OS release and, for bubblewrap, its version. A change to any of them
 * makes every setup cache key new. Computed once per driver kind.
 */
export function sandboxImage(driver: SandboxDriver["name"]): string {
  let image = images.get(driver);
  if (!image) {
    const parts = [driver, `node ${process.version}`, `${os.platform()}-${os.arch()}`, osRelease()];
    if (driver === "bwrap") parts.push(bwrapVersion());
    image = parts.join("; ");
    images.set(driver, image);
  }
  return image;
}
