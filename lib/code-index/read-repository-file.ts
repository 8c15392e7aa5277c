import type { Database } from "@/db/client";
import type { Project } from "@/db/schema";
import { type GitProvider, getGitProvider } from "@/lib/git-provider";
import { AppError } from "@/lib/platform/errors";
import { mirrorGit } from "@/lib/workspaces/mirror";
import { assertBranchName } from "@/lib/workspaces/paths";
import { GitError } from "@/lib/workspaces/run-git";
import { languageOf } from "./parse";
import { readBlobs } from "./read-blobs";

export type RepositoryFile = {
  path: string;
  /** The branch or commit asked for, and the commit read. */
  ref: string;
  commit: string;
  size: number;
  language: string | null;
  binary: boolean;
  /** Over MAX_BYTES: `content` holds its start. */
  truncated: boolean;
  /** UTF-8 text; null for a binary file. */
  content: string | null;
};

const MAX_BYTES = 1024 * 1024;
const COMMIT = /^[0-9a-f]{40}$/;

/** A repository-relative path as people and models write it, checked: no absolute paths, `..` or control characters. */
export function normalizeRepositoryPath(raw: string): string {
  const path = raw.trim().replace(/^\.\//, "").replace(/\/+$/, "");
  const bad =
    path.length === 0 ||
    path.length > 1000 ||
    path.startsWith("/") ||
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
    /[\u0000-\u001f]/.test(path) ||
    path.split("/").some((part) => part === ".." || part === "." || part === "");
  if (bad) throw new AppError("bad_request:path", `"${raw.slice(0, 200)}" is not a path inside the repository`);
  return path;
}

async function lookUp(mirrorDir: string, commit: string, path: string) {
  const listed = await mirrorGit(mirrorDir, ["ls-tree", "--long", "-z", commit, "--", path], { trim: false });
  const record = listed.split("\0")[0] ?? "";
  const tab = record.indexOf("\t");
  if (tab < 0) return null;
  const [, type, sha, size] = record.slice(0, tab).split(/ +/);
  return { type: type ?? "", sha: sha ?? "", size: Number(size) };
}

/**
 * A file of the project's repository at a ref: a branch (its current head, fetched) or a
 * full commit sha (the index's commit, for links that must not move). 404 for a branch,
 * commit or path the repository does not have.
 */
export async function readRepositoryFile({
  db,
  project,
  path: rawPath,
  ref = project.defaultBranch,
  gitProvider = getGitProvider(project, { db }),
}: {
  db: Database;
  project: Project;
  path: string;
  ref?: string;
  gitProvider?: GitProvider;
}): Promise<RepositoryFile> {
  const path = normalizeRepositoryPath(rawPath);
  let mirrorDir = gitProvider.mirrorDir({ project });
  let commit: string;
  if (COMMIT.test(ref)) {
    commit = ref;
  } else {
    assertBranchName(ref);
    const fetched = await gitProvider.fetchMirror({ project, branches: [ref] });
    mirrorDir = fetched.mirrorDir;
    if (!fetched.heads[0]) throw new AppError("not_found:branch", `The repository has no branch ${ref}`);
    commit = fetched.heads[0];
  }
  let entry: Awaited<ReturnType<typeof lookUp>>;
  try {
    entry = await lookUp(mirrorDir, commit, path);
  } catch (error) {
    if (!(error instanceof GitError) || !COMMIT.test(ref)) throw error;
    // A commit the mirror lacks (or no mirror yet): fetch once, then it is known or it is not.
    mirrorDir = (await gitProvider.fetchMirror({ project, branches: [] })).mirrorDir;
    entry = await lookUp(mirrorDir, commit, path).catch((again: unknown) => {
      if (again instanceof GitError) throw new AppError("not_found:commit", `The repository has no commit ${ref}`);
      throw again;
    });
  }
  if (!entry) throw new AppError("not_found:file", `${path} does not exist at ${ref}`);
  if (entry.type !== "blob") throw new AppError("bad_request:path", `${path} is a directory, not a file`);
  const blob = (await readBlobs(mirrorDir, [entry.sha])).get(entry.sha) ?? Buffer.alloc(0);
  const binary = blob.subarray(0, 8000).includes(0);
  return {
    path,
    ref,
    commit,
    size: entry.size,
    language: languageOf(path),
    binary,
    truncated: !binary && blob.length > MAX_BYTES,
    content: binary ? null : blob.subarray(0, MAX_BYTES).toString("utf8"),
  };
}
