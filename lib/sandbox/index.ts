import { logger } from "@/lib/platform/logger";
import { createBwrapDriver } from "@/lib/sandbox/bwrap-driver";
import { findSandboxNetwork } from "@/lib/sandbox/find-sandbox-network";
import { findPidsCgroupParent } from "@/lib/sandbox/pids-cgroup";
import { probeBwrap } from "@/lib/sandbox/probe-bwrap";
import { createProcessDriver } from "@/lib/sandbox/process-driver";
import type { SandboxDriver } from "@/lib/sandbox/types";

export type SandboxStatus = { driver: SandboxDriver["name"]; warning?: string };

let selected: { driver: SandboxDriver; status: SandboxStatus } | undefined;

function select(): { driver: SandboxDriver; status: SandboxStatus } {
  const cgroupParent = findPidsCgroupParent();
  const probe = probeBwrap();
  const network = findSandboxNetwork();
  const warnings: string[] = [];
  const driver = probe.ok
    ? createBwrapDriver({ bwrapPath: probe.path, cgroupParent, network })
    : createProcessDriver({ cgroupParent });
  if (!probe.ok) {
    warnings.push(
      `${probe.reason}: commands run as plain processes of the server's user, with no filesystem, network or process isolation.`,
    );
  }
  if (probe.ok && !network.slirpPath) {
    warnings.push(
      `${network.reason}: commands that ask for network (setup, tests with allowNetworkInTests, previews) run without it, since the host's own network would put its loopback services in reach.`,
    );
  }
  if (!cgroupParent) {
    warnings.push("No pids cgroup is available: the number of processes is watched rather than capped by the kernel.");
  }
  const warning = warnings.length > 0 ? warnings.join(" ") : undefined;
  if (warning) logger.warn({ driver: driver.name }, `sandbox: ${warning}`);
  else logger.info({ driver: driver.name }, "sandbox: driver selected");
  return { driver, status: warning ? { driver: driver.name, warning } : { driver: driver.name } };
}

/**
 * The sandbox for this process: bubblewrap when it is installed and works, plain child
 * processes otherwise (with a logged warning). Probed once, on first use, then cached.
 */
export function getSandbox(): SandboxDriver {
  selected ??= select();
  return selected.driver;
}

/** Which driver runs commands and what it cannot do here, for the project page. */
export function sandboxStatus(): SandboxStatus {
  selected ??= select();
  return selected.status;
}
