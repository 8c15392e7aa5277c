import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { GitError, type RunGitOptions, runGit } from "@/lib/workspaces/run-git";
import { withKeyedLock } from "@/lib/platform/keyed-lock";
import { logger } from "@/lib/platform/logger";
import { readOriginRefs } from "./origin-refs";
import { mirrorPath } from "./paths";
import type { LocalRepository } from "./repository";

// The mirror is a bare cache of the project repository. Its branches arrive as
// refs/remotes/origin/*, so refs/heads/* stays free for the runs' worktrees (git refuses
// to fetch into a branch some worktree has checked out).

const MIRROR_REFSPECS = ["+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*"];
// In the mirror: the digest of the repository's refs (origin-refs.ts) its last fetch brought
// in. Touched when a fetch is found unneeded: the mirror was used (sweep-workspaces.ts).
export const FETCHED_REFS_FILE = "mergeline-fetched-refs";

export function mirrorGit(mirrorDir: string, args: string[], options: RunGitOptions = {}): Promise<string> {
  return runGit(mirrorDir, args, { ...options, env: { GIT_DIR: mirrorDir, ...options.env } });
}

/**
 * Where a mirror fetches from when it is not the repository's path: a URL and the
 * variables that authenticate git to it. The variables only ever reach git's environment,
 * so credentials stay out of the mirror's config, argv and logs.
 */
export type MirrorRemote = { url: string; env: () => Promise<Record<string, string>> };

/**
 * Runs `task` holding the mirror's lock, after bringing the mirror up to date with the
 * repository (creating it on first use). Worktree bookkeeping happens inside the lock.
 */
export async function withSyncedMirror<T>(
  dataDir: string,
  repository: LocalRepository,
  task: (mirrorDir: string) => Promise<T>,
  remote?: MirrorRemote,
): Promise<T> {
  const mirrorDir = mirrorPath(dataDir, repository.path);
  return withKeyedLock(`mirror:${mirrorDir}`, async () => {
    const created = await ensureMirror(mirrorDir, remote?.url ?? repository.path, !remote);
    // A repository on this machine whose branches and tags are where the last fetch found
    // them has nothing to fetch: a run fetches at each step, and each fetch is a git process.
    const local = remote ? null : await readOriginRefs(repository.gitDir);
    const record = path.join(mirrorDir, FETCHED_REFS_FILE);
    if (local && !created && (await fs.readFile(record, "utf8").catch(() => "")) === local) {
      const now = new Date();
      await fs.utimes(record, now, now).catch(() => undefined);
      return task(mirrorDir);
    }
    const auth = remote ? await remote.env() : {};
    // Tags too (named on the command line, so mirrors made before this fetch them as well):
    // `git describe` in a workspace, e.g. a build stamping its version, needs them.
    await retryOnLockContention(() =>
      mirrorGit(mirrorDir, ["fetch", "--quiet", "--prune", "--no-tags", "origin", ...MIRROR_REFSPECS], { env: auth }),
    );
    // Recorded only when nothing moved while fetching, so the record never names refs the mirror lacks.
    if (local && (await readOriginRefs(repository.gitDir)) === local) await fs.writeFile(record, local);
    else await fs.rm(record, { force: true });
    return task(mirrorDir);
  });
}

/** Runs `task` holding the mirror's lock, without fetching. */
export function withMirrorLock<T>(mirrorDir: string, task: () => Promise<T>): Promise<T> {
  return withKeyedLock(`mirror:${mirrorDir}`, task);
}

/** The commits of repository branches as last fetched into the mirror (null: no such branch), in one git call. */
export async function readMirroredBranches(mirrorDir: string, branches: string[]): Promise<(string | null)[]> {
  const refs = branches.map((branch) => `refs/remotes/origin/${branch}`);
  const listed = await mirrorGit(mirrorDir, ["for-each-ref", "--format=%(objectname) %(refname)", ...refs]);
  // for-each-ref also lists refs below a pattern (origin/main/x for origin/main): match exactly.
  const byRef = new Map(
    listed
      .split("\n")
      .filter(Boolean)
      .map((line) => [line.slice(line.indexOf(" ") + 1), line.slice(0, line.indexOf(" "))]),
  );
  return refs.map((ref) => byRef.get(ref) ?? null);
}

/** Creates the mirror unless it exists; true when it did. */
async function ensureMirror(mirrorDir: string, url: string, local: boolean): Promise<boolean> {
  const ready = await fs
    .stat(path.join(mirrorDir, "HEAD"))
    .then(() => true)
    .catch(() => false);
  if (ready) return false;
  // Built beside its final place and renamed in, so a crash never leaves half a mirror.
  await fs.rm(mirrorDir, { recursive: true, force: true });
  await fs.mkdir(path.dirname(mirrorDir), { recursive: true });
  const building = `${mirrorDir}.tmp-${randomBytes(4).toString("hex")}`;
  try {
    const cloned = local && (await cloneLocal(url, building));
    if (!cloned)
      await runGit(path.dirname(mirrorDir), [
        "init",
        "--quiet",
        "--bare",
        "--template=",
        "--initial-branch=main",
        building,
      ]);
    // Appended in one write rather than one `git config` process per line (a clone's own
    // [remote "origin"] has its url; a second section adds to it). Nothing in the mirror or
    // in a workspace (which shares this config) runs hooks or signs commits.
    const settings = [
      `[remote "origin"]`,
      ...(cloned ? [] : [`\turl = ${JSON.stringify(url)}`]),
      "\tfetch = +refs/heads/*:refs/remotes/origin/*",
      "[core]",
      "\thooksPath = /dev/null",
      "[commit]",
      "\tgpgSign = false",
    ];
    await fs.appendFile(path.join(building, "config"), `${settings.join("\n")}\n`);
    await fs.rename(building, mirrorDir);
  } catch (error) {
    await fs.rm(building, { recursive: true, force: true });
    // Another process finished its own copy first: use that one.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
  }
  return true;
}

/**
 * A repository on this machine is cloned with its object files hardlinked (copied across
 * file systems), as `git clone --local` does: a first fetch would have `pack-objects` read
 * and compress every object (1.06 s against 0.13 s for Mergeline's own repository). Git's
 * objects are never rewritten in place, so the link is safe whatever the repository does
 * next. The clone's branches are dropped (the fetch that follows brings them in as
 * refs/remotes/origin/*, with no object to transfer): refs/heads/* is the runs'. False
 * when the clone failed: the mirror is then made empty and fetched into, as for GitHub.
 */
async function cloneLocal(repositoryPath: string, building: string): Promise<boolean> {
  try {
    await runGit(path.dirname(building), [
      "clone",
      "--quiet",
      "--bare",
      "--local",
      "--no-tags",
      "--template=",
      "--",
      repositoryPath,
      building,
    ]);
    const heads = await mirrorGit(building, ["for-each-ref", "--format=delete %(refname)", "refs/heads/"]);
    if (heads) await mirrorGit(building, ["update-ref", "--no-deref", "--stdin"], { input: `${heads}\n` });
    return true;
  } catch (error) {
    logger.warn({ err: error, repositoryPath }, "could not clone the repository for its mirror; fetching instead");
    await fs.rm(building, { recursive: true, force: true });
    return false;
  }
}

/** Another process updating the same refs makes git fail on a .lock file; a retry settles it. */
export async function retryOnLockContention<T>(operation: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const contended =
        error instanceof GitError &&
        /cannot lock ref|\.lock': File exists|Unable to create .*\.lock/.test(error.stderr);
      if (!contended || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}
