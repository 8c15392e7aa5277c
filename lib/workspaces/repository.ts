import fs from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/platform/errors";
import { GitError, type RunGitOptions, runGit } from "@/lib/workspaces/run-git";
import { assertBranchName } from "./paths";

/**
 * A project's repository on disk: non-bare (with a working tree) or bare. `path` is the
 * project's path as configured (resolved, not followed through symlinks): mirrors are
 * named after it, so they can be found even when the repository is gone.
 */
export type LocalRepository = { path: string; gitDir: string; workTree: string | null };

/**
 * Resolves a local project's repository. The path must be the repository itself: git is
 * stopped from searching parent directories, so a plain folder inside some other
 * repository is refused instead of silently used.
 */
export async function openRepository(repositoryPath: string): Promise<LocalRepository> {
  if (!path.isAbsolute(repositoryPath)) {
    throw new AppError("bad_request:repository", `The repository path must be absolute: ${repositoryPath}`);
  }
  const real = await fs.realpath(repositoryPath).catch(() => null);
  if (!real) throw new AppError("not_found:repository", `No repository at ${repositoryPath}`);
  // Every step of a run opens the project's repository: asking git once per directory is enough
  // while the git dir found then is still the same directory (not removed, not replaced).
  const known = opened.get(real);
  if (known) {
    const inode = await fs.stat(known.repository.gitDir).then(
      (stat) => stat.ino,
      () => null,
    );
    if (inode === known.gitDirInode) return { ...known.repository, path: path.resolve(repositoryPath) };
    opened.delete(real);
  }
  const repository = await askGit(repositoryPath, real);
  const gitDirInode = await fs.stat(repository.gitDir).then(
    (stat) => stat.ino,
    () => null,
  );
  if (gitDirInode !== null) opened.set(real, { repository, gitDirInode });
  return repository;
}

const opened = new Map<string, { repository: LocalRepository; gitDirInode: number }>();

async function askGit(repositoryPath: string, real: string): Promise<LocalRepository> {
  let output: string;
  try {
    output = await runGit(real, ["rev-parse", "--absolute-git-dir", "--is-bare-repository", "--is-inside-work-tree"], {
      env: { GIT_CEILING_DIRECTORIES: path.dirname(real) },
    });
  } catch (error) {
    if (error instanceof GitError)
      throw new AppError("not_found:repository", `${repositoryPath} is not a git repository`);
    throw error;
  }
  const [gitDir, bare, inWorkTree] = output.split("\n");
  const configured = path.resolve(repositoryPath);
  if (bare === "true") return { path: configured, gitDir: gitDir!, workTree: null };
  // The .git directory of a clone: neither bare nor a working tree.
  if (inWorkTree !== "true") {
    throw new AppError(
      "bad_request:repository",
      `${repositoryPath} is the git dir of a clone; use the clone's own directory`,
    );
  }
  return { path: configured, gitDir: gitDir!, workTree: real };
}

/** Runs git against the repository, with its git dir and work tree named explicitly. */
export function repositoryGit(
  repository: LocalRepository,
  args: string[],
  options: RunGitOptions = {},
): Promise<string> {
  const explicit: Record<string, string> = { GIT_DIR: repository.gitDir };
  if (repository.workTree) explicit.GIT_WORK_TREE = repository.workTree;
  return runGit(repository.workTree ?? repository.gitDir, args, { ...options, env: { ...explicit, ...options.env } });
}

/** The commit a branch points at in the repository, or null when it has no such branch. */
export async function readBranchSha(repository: LocalRepository, branch: string): Promise<string | null> {
  assertBranchName(branch);
  try {
    return await repositoryGit(repository, ["rev-parse", "--verify", "--quiet", `refs/heads/${branch}^{commit}`]);
  } catch (error) {
    if (error instanceof GitError && error.exitCode === 1) return null;
    throw error;
  }
}

/** The text of `file` (relative to the repository's root) on `branch`, or null when it is not there. */
export async function readBranchFile(
  repository: LocalRepository,
  branch: string,
  file: string,
): Promise<string | null> {
  assertBranchName(branch);
  const relative = path.posix.normalize(file.replaceAll("\\", "/"));
  if (relative.startsWith("../") || relative === ".." || path.posix.isAbsolute(relative))
    throw new AppError("bad_request:path", `${file} is not a path inside the repository`);
  if ((await readBranchSha(repository, branch)) === null) return null;
  try {
    return await repositoryGit(repository, ["cat-file", "blob", `refs/heads/${branch}:${relative}`], { trim: false });
  } catch (error) {
    // 128: the branch has no such file (or it is a directory).
    if (error instanceof GitError && error.exitCode === 128) return null;
    throw error;
  }
}

/**
 * Why a merge into `branch` must wait for a person, or null: the branch is checked out in
 * the repository's working tree and that tree has uncommitted changes to tracked files.
 */
export async function describeDirtyCheckout(repository: LocalRepository, branch: string): Promise<string | null> {
  if (!repository.workTree) return null;
  const head = await repositoryGit(repository, ["symbolic-ref", "--quiet", "HEAD"]).catch(() => "");
  if (head !== `refs/heads/${branch}`) return null;
  // --no-optional-locks: looking must not rewrite the user's index behind their back.
  const status = await repositoryGit(
    repository,
    ["--no-optional-locks", "status", "--porcelain", "--untracked-files=no"],
    {
      trim: false, // the first line starts with a status column that may be a space
    },
  );
  const lines = status.split("\n").filter(Boolean);
  if (lines.length === 0) return null;
  const files = lines
    .slice(0, 10)
    .map((line) => line.slice(3))
    .join(", ");
  return `The working tree of ${repository.path} has uncommitted changes on ${branch} (${files}); commit or stash them, then merge again`;
}
