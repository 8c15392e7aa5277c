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
const refreshing = new Map<string, Promise<ResolvedTarget | null>>();

async function lookUp(db: Database, target: PreviewTarget): Promise<ResolvedTarget | null> {
  if (target.kind === "studio") {
    const row = await getStudioPreviewTarget({ db, sessionId: target.sessionId });
    return row?.port ? { kind: "studio", ...row, port: row.port, sessionId: target.sessionId } : null;
  }
  const rows = await getPreviewTargetsOfPullRequest({ db, number: target.number });
  const match = rows.find((row) => projectSlug(row.projectName) === target.projectSlug && row.port);
  if (!match) return null;
  const { projectName: _name, ...rest } = match;
  return { kind: "pull_request", ...rest, port: match.port! };
}

/**
 * The live app a preview host names: a studio session's dev server, or the newest ready
 * preview of the PR with that number in a project of that slug. Read from the database
 * (any process may own the app) and remembered: within two seconds the answer is reused,
 * after that a known app is still answered at once while the lookup is refreshed behind
 * it, so a page's requests (and a hot update's) never wait on the database. A request for
 * an app that ended is then refused a moment later; its port answers nothing meanwhile.
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
  let pending = refreshing.get(label);
  if (!pending) {
    pending = lookUp(db, target)
      .then((resolved) => {
        if (cache.size > 10_000) cache.clear();
        cache.set(label, { at: Date.now(), target: resolved });
        return resolved;
      })
      .finally(() => refreshing.delete(label));
    refreshing.set(label, pending);
  }
  if (cached?.target) {
    pending.catch(() => undefined);
    return cached.target;
  }
  return pending;
}

/** Forgets what a label resolved to (a session ended, a preview replaced). */
export function forgetPreviewTarget(label: string): void {
  cache.delete(label);
}
