import type { Database } from "@/db/client";
import { getOneTimeLoginByHash } from "@/db/queries/one-time-logins";
import { hashToken, isSecretTokenShape } from "./hash-token";

export type OneTimeLoginPreview =
  | { status: "valid"; email: string | null; expiresAt: Date }
  | { status: "used"; usedAt: Date }
  | { status: "expired"; expiresAt: Date }
  | { status: "unknown" };

/**
 * What a one-time link would do, for its page to say before anyone confirms: whom it signs
 * in and until when, or why it no longer works. Looking spends nothing, so a reload, a
 * link preview or a prefetch leaves the link as it was.
 */
export async function previewOneTimeLogin({
  db,
  token,
  now = new Date(),
}: {
  db: Database;
  token: string;
  now?: Date;
}): Promise<OneTimeLoginPreview> {
  if (!isSecretTokenShape(token)) return { status: "unknown" };
  const login = await getOneTimeLoginByHash({ db, tokenHash: hashToken(token) });
  if (!login) return { status: "unknown" };
  if (login.usedAt) return { status: "used", usedAt: login.usedAt };
  if (login.expiresAt.getTime() <= now.getTime()) return { status: "expired", expiresAt: login.expiresAt };
  return { status: "valid", email: login.email, expiresAt: login.expiresAt };
}
