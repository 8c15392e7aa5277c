import dns from "node:dns/promises";
import { isIP } from "node:net";
import { env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";
import { isPrivateAddress } from "./is-private-address";

/**
 * Checks a webhook or Slack URL when it is saved: http or https, a host that resolves, and
 * (unless MERGELINE_ALLOW_PRIVATE_WEBHOOKS) to no private, loopback or link-local address.
 * Each delivery checks again after its own DNS resolution (guarded-fetch.ts). A 400 naming
 * `field` otherwise.
 */
export async function checkTargetUrl({
  url,
  field,
  allowPrivate = env.MERGELINE_ALLOW_PRIVATE_WEBHOOKS === "true",
}: {
  url: string;
  field: string;
  allowPrivate?: boolean;
}): Promise<URL> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError(`bad_request:${field}`, "Expected an http:// or https:// URL");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new AppError(`bad_request:${field}`, "Expected an http:// or https:// URL");
  if (allowPrivate) return parsed;
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host)
    ? [host]
    : await dns.lookup(host, { all: true }).then(
        (found) => found.map((entry) => entry.address),
        () => {
          throw new AppError(`bad_request:${field}`, `The host ${host} could not be resolved`);
        },
      );
  const refused = addresses.find(isPrivateAddress);
  if (refused) {
    throw new AppError(
      `bad_request:${field}`,
      `${host === refused ? host : `${host} resolves to ${refused}, which`} is a private, loopback or link-local address; such targets are refused unless MERGELINE_ALLOW_PRIVATE_WEBHOOKS=true`,
    );
  }
  return parsed;
}
