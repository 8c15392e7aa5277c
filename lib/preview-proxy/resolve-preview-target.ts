import type { Database } from "@/db/client";
import { getPreviewTargetsOfPullRequest, getStudioPreviewTarget } from "@/db/queries/preview-targets";
import { type PreviewTarget, projectSlug } from "@/lib/preview-proxy/preview-address";

export type ResolvedTarget = {
  kind: PreviewTarget["kind"];
  projectId: string;
  teamId: string;
  provider: string;
  repository: string;
  /** Where the app answers on this host's 127.0.0.1. */
  port: number;
  /** The studio session (for its activity), when it is one. */
  sessionId?: string;
};

const TTL_MS = 2_000;
const cache = new Map<string, { at: number; target: ResolvedTarget | null }>();

/**
 * The live app a preview host names: a studio session's dev server, or the newest ready
 * preview of the PR with that number in a project of that slug. Read from the database
 * (any process may own the app), remembered for two seconds so a page's many requests
 * cost one lookup.
 */
export async function resolvePreviewTarget({
  db,
  label,
  target,
  now = Date.now(),
}: {
  db: Database;
  label: string;
  target: PreviewTarget;
  now?: number;
}): Promise<ResolvedTarget | null> {
  const cached = cache.get(label);
  if (cached && now - cached.at < TTL_MS) return cached.target;
  let resolved: ResolvedTarget | null = null;
  if (target.kind === "studio") {
    const row = await getStudioPreviewTarget({ db, sessionId: target.sessionId });
    if (row?.port) resolved = { kind: "studio", ...row, port: row.port, sessionId: target.sessionId };
  } else {
    const rows = await getPreviewTargetsOfPullRequest({ db, number: target.number });
    const match = rows.find((row) => projectSlug(row.projectName) === target.projectSlug && row.port);
    if (match) {
      const { projectName: _name, ...rest } = match;
      resolved = { kind: "pull_request", ...rest, port: match.port! };
    }
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(label, { at: now, target: resolved });
  return resolved;
}

/** Forgets what a label resolved to (a session ended, a preview replaced). */
export function forgetPreviewTarget(label: string): void {
  cache.delete(label);
}
