import { readFileSync } from "node:fs";

// slirp4netns answers DNS at 10.0.2.3 and forwards it to the host's resolver, wherever that
// is. The host's own resolv.conf may name a resolver on its loopback (systemd-resolved's
// 127.0.0.53), which inside the sandbox would be the sandbox's own loopback.
const SLIRP_DNS = "10.0.2.3";

let content: string | undefined;

/** resolv.conf for sandboxes with a slirp4netns network: slirp's resolver, the host's search domains and options. */
export function sandboxResolvConf(): string {
  if (content !== undefined) return content;
  const host = (() => {
    try {
      return readFileSync("/etc/resolv.conf", "utf8");
    } catch {
      return "";
    }
  })();
  const kept = host.split("\n").filter((line) => /^\s*(search|domain|options)\s/.test(line));
  content = [`nameserver ${SLIRP_DNS}`, ...kept, ""].join("\n");
  return content;
}
