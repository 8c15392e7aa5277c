import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";

// Signed, short-lived claims of the preview proxy: a handoff from the app to a preview host
// (60 seconds, carried in the redirect's URL), and the access cookie a preview host sets
// from it. HMAC-SHA256 under a key derived from AUTH_SECRET, so no store is needed and every
// app instance reads them alike.

export type PreviewClaims = {
  /** What it opens: a preview host's label (pr-12--demo-cart, studio-<id>). */
  label: string;
  /** Who: a user id, or `share:<link id>` for a share link. */
  subject: string;
  /** Expiry, ms since the epoch. */
  expiresAt: number;
  /** handoff (URL, once, 60 s) or access (the cookie). */
  use: "handoff" | "access";
};

function key(secret = env.AUTH_SECRET): Buffer {
  if (!secret) throw new AppError("unavailable:preview_proxy", "AUTH_SECRET is not set");
  return createHmac("sha256", secret).update("mergeline preview proxy v1").digest();
}

const sign = (payload: string, secret?: string) => createHmac("sha256", key(secret)).update(payload).digest();

export function signPreviewClaims(claims: PreviewClaims, secret?: string): string {
  const payload = Buffer.from(JSON.stringify([claims.label, claims.subject, claims.expiresAt, claims.use])).toString(
    "base64url",
  );
  return `${payload}.${sign(payload, secret).toString("base64url")}`;
}

/** The claims of a token that is well signed, unexpired and of the expected use; null otherwise. */
export function verifyPreviewClaims(
  token: string | undefined,
  use: PreviewClaims["use"],
  { now = Date.now(), secret }: { now?: number; secret?: string } = {},
): PreviewClaims | null {
  if (!token || token.length > 2048) return null;
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = sign(payload, secret);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const [label, subject, expiresAt, kind] = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as [
      unknown,
      unknown,
      unknown,
      unknown,
    ];
    if (typeof label !== "string" || typeof subject !== "string" || typeof expiresAt !== "number") return null;
    if (kind !== use || expiresAt <= now) return null;
    return { label, subject, expiresAt, use };
  } catch {
    return null;
  }
}
