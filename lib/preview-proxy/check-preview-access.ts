import type { Database } from "@/db/client";
import { getOpenPreviewShareLink } from "@/db/queries/preview-targets";
import { getMembershipsByUserId } from "@/db/queries/team-members";

const TTL_MS = 30_000;
const cache = new Map<string, { at: number; ok: boolean }>();

/**
 * Whether the holder of a preview cookie may still open the app: a member (any role) of
 * the project's team, or a share link for this host that is neither revoked nor expired.
 * Asked again every 30 seconds, so a removed member or a revoked link loses access within
 * that time even with a cookie.
 */
export async function checkPreviewAccess({
  db,
  subject,
  label,
  teamId,
  now = Date.now(),
}: {
  db: Database;
  subject: string;
  label: string;
  teamId: string;
  now?: number;
}): Promise<boolean> {
  const key = `${subject}\u0000${label}\u0000${teamId}`;
  const cached = cache.get(key);
  if (cached && now - cached.at < TTL_MS) return cached.ok;
  let ok: boolean;
  if (subject.startsWith("share:")) {
    ok = (await getOpenPreviewShareLink({ db, id: subject.slice("share:".length), label })) !== undefined;
  } else {
    ok = (await getMembershipsByUserId({ db, userId: subject })).some((membership) => membership.teamId === teamId);
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(key, { at: now, ok });
  return ok;
}
