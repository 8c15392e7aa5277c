import type { Database } from "@/db/client";
import { type Actor, can } from "@/lib/auth/actor";
import { parsePreviewHost, previewAddress } from "@/lib/preview-proxy/preview-address";
import { signPreviewClaims } from "@/lib/preview-proxy/preview-tokens";
import { resolvePreviewTarget } from "@/lib/preview-proxy/resolve-preview-target";

const HANDOFF_MS = 60_000;

export type PreviewAccessGrant =
  | { kind: "redirect"; location: string }
  | { kind: "refused"; status: 400 | 404; message: string };

/**
 * The app's half of opening a preview host (GET /api/preview-access): a signed-in member of
 * the team of the project the host names gets a 60-second token, sent back to the preview
 * host, which turns it into its access cookie. Anyone else learns nothing (404, as for a
 * host with nothing running). Only hosts under the preview domain are ever redirected to.
 */
export async function grantPreviewAccess({
  db,
  actor,
  host,
  next,
}: {
  db: Database;
  actor: Actor;
  host: string | null;
  next: string | null;
}): Promise<PreviewAccessGrant> {
  const parsed = host ? parsePreviewHost(host) : null;
  if (!host || !parsed?.target) return { kind: "refused", status: 400, message: "host is not a preview address" };
  const target = await resolvePreviewTarget({ db, label: parsed.label, target: parsed.target });
  if (!target || actor.kind !== "user" || !can(actor, target, "read"))
    return { kind: "refused", status: 404, message: "Nothing is running at this address, or it is not yours to open" };
  return { kind: "redirect", location: previewHandoffUrl({ label: parsed.label, userId: actor.userId, next }) };
}

/**
 * The address that opens a preview host as `userId` (who must be allowed to): it sets the
 * host's access cookie and goes on to `next`. The studio page puts it in its frame.
 */
export function previewHandoffUrl({
  label,
  userId,
  next,
}: {
  label: string;
  userId: string;
  next?: string | null;
}): string {
  const token = signPreviewClaims({ label, subject: userId, expiresAt: Date.now() + HANDOFF_MS, use: "handoff" });
  const location = new URL(`${previewAddress(label)}/__mergeline/auth`);
  location.searchParams.set("token", token);
  location.searchParams.set("next", next?.startsWith("/") && !next.startsWith("//") ? next : "/");
  return location.toString();
}
