import { readFileSync, statSync } from "node:fs";
import { env } from "@/lib/platform/env";

/**
 * The Chromium binary to hand to commands in the sandbox. Debian's /usr/bin/chromium is a
 * shell wrapper that reads /etc/chromium.d, which the sandbox does not expose; the
 * binary it runs (LIBDIR=/usr/lib/chromium) needs nothing from /etc, so that is used
 * when CHROMIUM_PATH is such a wrapper.
 */
export function sandboxChromiumPath(configured = env.CHROMIUM_PATH): string {
  try {
    const head = readFileSync(configured, { encoding: "latin1" }).slice(0, 4096);
    if (!head.startsWith("#!")) return configured;
    const app = /^APPNAME=(\S+)$/m.exec(head)?.[1] ?? "chromium";
    const libdir = /^LIBDIR=(\/\S+)$/m.exec(head)?.[1]?.replace("$APPNAME", app);
    const binary = libdir ? `${libdir}/${app}` : null;
    return binary && statSync(binary).isFile() ? binary : configured;
  } catch {
    return configured;
  }
}
