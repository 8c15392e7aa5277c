import fs from "node:fs/promises";
import path from "node:path";
import type { Database } from "@/db/client";
import { getRunIdsInUse } from "@/db/queries/run-files";
import { getLiveStudioSessionIds } from "@/db/queries/studio";
import { env } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";
import { FETCHED_REFS_FILE, mirrorGit, withMirrorLock } from "./mirror";
import { trashPath, workspacePath } from "./paths";
import { removeWorkspaceDir } from "./remove-workspace-dir";
import { withRunWorkspace } from "./with-run-workspace";

export type WorkspaceSweep = {
  /** Removed working copies (workspaces and preview copies), by path. */
  removed: string[];
  /** Removed mirrors, by path. */
  mirrors: string[];
};

// Copies and mirrors changed this recently are left for the next sweep: a run being set up
// right now (its row committed a moment ago, or in another database transaction) is never
// raced.
const GRACE_MS = 10 * 60_000;
const DAY_MS = 24 * 60 * 60_000;
const PREVIEW_COPY = /^(.+)-(\d+)$/;
// A best-of-N candidate's working copy (workspaces/<run id>-c<n>) belongs to its run.
const CANDIDATE_WORKSPACE = /^(.+)-c\d+$/;
const STUDIO_WORKSPACE = /^studio-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

async function entries(dir: string): Promise<{ name: string; full: string; changedMs: number }[]> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const found = await Promise.all(
    names.map(async (name) => {
      const full = path.join(dir, name);
      const info = await fs.lstat(full).catch(() => null);
      return info ? { name, full, changedMs: Math.max(info.mtimeMs, info.ctimeMs) } : null;
    }),
  );
  return found.filter((entry) => entry !== null);
}

const isRunId = (dataDir: string, name: string) => {
  try {
    workspacePath(dataDir, name);
    return true;
  } catch {
    return false;
  }
};

/**
 * When a mirror was last used: every workspace made from it fetches first (FETCH_HEAD), or
 * finds the repository unchanged since the last fetch (FETCHED_REFS_FILE, touched then).
 */
async function lastUsedMs(mirrorDir: string): Promise<number> {
  const times = await Promise.all(
    ["FETCH_HEAD", FETCHED_REFS_FILE, "HEAD", "."].map((name) =>
      fs.stat(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ mirrorDir, name)).then(
        (info) => info.mtimeMs,
        () => 0,
      ),
    ),
  );
  return Math.max(...times);
}

async function sweepMirrors(dataDir: string, idleMs: number, now: number): Promise<string[]> {
  const removed: string[] = [];
  for (const mirror of await entries(path.join(dataDir, "mirrors"))) {
    // A mirror being built (mirror.ts renames it in when done); one older than the grace is a crash's leftover.
    if (mirror.name.includes(".tmp-")) {
      if (now - mirror.changedMs > GRACE_MS) await fs.rm(mirror.full, { recursive: true, force: true });
      continue;
    }
    const gone = await withMirrorLock(mirror.full, async () => {
      // Forgets worktrees whose directories are gone (removed without their git dir, a crash).
      await mirrorGit(mirror.full, ["worktree", "prune"]).catch(() => undefined);
      const worktrees = await fs.readdir(path.join(mirror.full, "worktrees")).catch(() => [] as string[]);
      if (worktrees.length > 0 || now - (await lastUsedMs(mirror.full)) < idleMs) return false;
      const parked = path.join(trashPath(dataDir), `mirror-${mirror.name}`);
      await fs.mkdir(trashPath(dataDir), { recursive: true });
      await fs.rm(parked, { recursive: true, force: true });
      await fs.rename(mirror.full, parked);
      return true;
    });
    if (gone) removed.push(mirror.full);
  }
  return removed;
}

/**
 * Frees the disk of runs that no longer need it: workspaces and preview copies of runs
 * that ended (once no preview of theirs may be serving) or that the database does not
 * know, studio sessions' workspaces once the session is no longer live, what removals left in the trash, and mirrors no workspace uses that nothing was
 * fetched into for `mirrorIdleDays`. Run hourly and at start; the run-end clean-up removes
 * a run's copies at once (removeRunWorkspace), this catches what it missed (a crash, a
 * restart, runs from before it existed). Never touches a copy changed in the last minutes.
 */
export async function sweepWorkspaces({
  db,
  dataDir = env.dataDir,
  mirrorIdleDays = env.MERGELINE_MIRROR_IDLE_DAYS,
  now = new Date(),
}: {
  db: Database;
  dataDir?: string;
  mirrorIdleDays?: number;
  now?: Date;
}): Promise<WorkspaceSweep> {
  const at = now.getTime();
  const copies = [
    ...(await entries(path.join(dataDir, "workspaces"))).map((entry) => ({
      ...entry,
      runId: CANDIDATE_WORKSPACE.exec(entry.name)?.[1] ?? entry.name,
    })),
    ...(await entries(path.join(dataDir, "previews"))).map((entry) => ({
      ...entry,
      runId: PREVIEW_COPY.exec(entry.name)?.[1] ?? "",
    })),
  ].filter((copy) => isRunId(dataDir, copy.runId) && at - copy.changedMs > GRACE_MS);
  const inUse = new Set(
    await getRunIdsInUse({ db, runIds: [...new Set(copies.map((copy) => copy.runId))] }).then((ids) =>
      ids.map((id) => id.toLowerCase()),
    ),
  );
  // Studio sessions' workspaces (workspaces/studio-<session id>) stay while the session is live.
  const studioIds = copies.flatMap((copy) => {
    const id = STUDIO_WORKSPACE.exec(copy.runId)?.[1];
    return id ? [id.toLowerCase()] : [];
  });
  for (const id of await getLiveStudioSessionIds({ db, ids: studioIds })) inUse.add(`studio-${id}`);
  const removed: string[] = [];
  for (const copy of copies) {
    if (inUse.has(copy.runId.toLowerCase())) continue;
    // The lock a pipeline step holds while it uses the run's workspace.
    await withRunWorkspace(copy.runId, () => removeWorkspaceDir({ dataDir, dir: copy.full }))
      .then(() => removed.push(copy.full))
      .catch((error: unknown) => logger.warn({ err: error, dir: copy.full }, "sweep: could not remove a working copy"));
  }
  for (const parked of await entries(trashPath(dataDir))) {
    if (at - parked.changedMs > GRACE_MS) await fs.rm(parked.full, { recursive: true, force: true });
  }
  const mirrors = await sweepMirrors(dataDir, mirrorIdleDays * DAY_MS, at);
  for (const mirror of mirrors)
    await fs.rm(path.join(trashPath(dataDir), `mirror-${path.basename(mirror)}`), { recursive: true, force: true });
  if (removed.length > 0 || mirrors.length > 0)
    logger.info({ removed: removed.length, mirrors: mirrors.length }, "sweep: removed working copies of ended runs");
  return { removed, mirrors };
}
