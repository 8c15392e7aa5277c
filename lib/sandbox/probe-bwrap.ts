import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BWRAP_HOME, bwrapArgs } from "@/lib/sandbox/bwrap-args";
import { findExecutable } from "@/lib/sandbox/find-executable";
import { sandboxEnv } from "@/lib/sandbox/sandbox-env";

export type BwrapProbe = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Whether bubblewrap is installed and actually works here, with the exact arguments the
 * driver uses: it can be present yet fail, e.g. where user namespaces are disabled or a
 * container forbids mounts. Synchronous because it runs once, when the driver is chosen.
 */
export function probeBwrap(): BwrapProbe {
  const bwrapPath = findExecutable("bwrap");
  if (!bwrapPath) return { ok: false, reason: "bubblewrap (bwrap) is not installed" };
  const workspace = mkdtempSync(path.join(os.tmpdir(), "mergeline-probe-"));
  try {
    const probe = spawnSync(bwrapPath, [...bwrapArgs({ workspace }), "/bin/sh", "-c", "echo ok"], {
      // Next's typings make NODE_ENV required; the sandbox deliberately does not pass it on.
      env: sandboxEnv({ home: BWRAP_HOME }) as NodeJS.ProcessEnv,
      encoding: "utf8",
      timeout: 10_000,
    });
    if (probe.status === 0 && probe.stdout.trim() === "ok") return { ok: true, path: bwrapPath };
    const detail = probe.error?.message ?? (probe.stderr.trim() || `exit code ${probe.status}`);
    return { ok: false, reason: `bubblewrap does not work here (${detail.slice(0, 300)})` };
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}
