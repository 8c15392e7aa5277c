import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** The keys the engine authenticates with, as Inngest's: an event key and a signing key. */
export type EngineAuth = { eventKey: string; signingKey: string };

export type EngineKeys = {
  /** Whether `key` (the `:key` of `POST /e/:key`) is the event key. */
  eventKeyMatches(key: string): boolean;
  /** Whether an Authorization header carries the signing key: raw (REST API) or hashed (the SDK's sync). */
  bearerMatches(header: string | undefined): boolean;
  /** `X-Inngest-Signature` for a request body sent at `nowMs`: `t=<unix s>&s=<hex HMAC-SHA256>`. */
  sign(body: string, nowMs: number): string;
};

const PREFIX = /^signkey-\w+-/;

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * What the SDK does with a signing key (inngest/helpers/strings.ts and net.ts): the HMAC key
 * is the key without its `signkey-<env>-` prefix, as text; the sync's bearer token is the
 * prefix followed by the SHA-256 of the rest read as hex.
 */
export function engineKeys({ eventKey, signingKey }: EngineAuth): EngineKeys {
  const prefix = PREFIX.exec(signingKey)?.[0] ?? "";
  const secret = signingKey.slice(prefix.length);
  const hashed = `${prefix}${createHash("sha256").update(Buffer.from(secret, "hex")).digest("hex")}`;
  return {
    eventKeyMatches: (key) => sameText(key, eventKey),
    bearerMatches(header) {
      const token = /^Bearer\s+(\S+)$/i.exec(header ?? "")?.[1];
      return token !== undefined && (sameText(token, signingKey) || sameText(token, hashed));
    },
    sign(body, nowMs) {
      const t = String(Math.floor(nowMs / 1000));
      return `t=${t}&s=${createHmac("sha256", secret).update(body).update(t).digest("hex")}`;
    },
  };
}
