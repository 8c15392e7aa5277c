import { findExecutable } from "@/lib/sandbox/find-executable";

/** How bubblewrap commands that ask for network get it: slirp4netns, or not at all (and why). */
export type SandboxNetwork = { slirpPath: string; reason?: undefined } | { slirpPath: null; reason: string };

/**
 * slirp4netns when it is installed and can be used: it must enter the network namespace of
 * a user namespace bwrap created, which takes CAP_SYS_ADMIN in the server's own namespace,
 * i.e. root. Otherwise network is refused (never the host's network, which would put its
 * loopback services in reach), and the reason is shown.
 */
export function findSandboxNetwork(): SandboxNetwork {
  const slirpPath = findExecutable("slirp4netns");
  if (!slirpPath) return { slirpPath: null, reason: "slirp4netns is not installed" };
  if (process.getuid?.() !== 0)
    return { slirpPath: null, reason: "slirp4netns needs Mergeline to run as root to join the sandbox's namespace" };
  return { slirpPath };
}
