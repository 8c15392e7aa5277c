import { isIP } from "node:net";
import { env } from "@/lib/platform/env";

/**
 * The caller's address. The app's server appends the socket's address to x-forwarded-for
 * (lib/platform/http/instrument-handler.ts) and each trusted proxy in front appends the address it
 * saw, so the client is `TRUSTED_PROXY_HOPS` entries before the last. A client cannot pick
 * its own rate-limit key by sending the header: it can only add entries further left.
 */
export function clientIp(request: Request, trustedHops = env.TRUSTED_PROXY_HOPS): string | null {
  const entries =
    request.headers
      .get("x-forwarded-for")
      ?.split(",")
      .map((entry) => entry.trim())
      .filter(Boolean) ?? [];
  const candidate =
    entries.at(-1 - Math.min(trustedHops, Math.max(entries.length - 1, 0))) ?? request.headers.get("x-real-ip")?.trim();
  if (!candidate) return null;
  // IPv4 clients of a dual-stack socket show up as ::ffff:a.b.c.d; one client, one key.
  const address = candidate.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return isIP(address) ? address : null;
}
