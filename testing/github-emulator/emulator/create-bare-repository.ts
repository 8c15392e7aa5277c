import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { git } from "./run-git";

/** A bare repository at `dir` whose default branch has one commit holding `files`. */
export async function createBareRepository(
  dir: string,
  options: { defaultBranch: string; files: Record<string, string>; author: { name: string; email: string } },
): Promise<string> {
  await git(path.dirname(dir), ["init", "--quiet", "--bare", `--initial-branch=${options.defaultBranch}`, dir]);
  await git(dir, ["config", "http.receivepack", "true"]);
  // Like GitHub, refs/pull/* are the host's own: a push to one is refused ("deny updating a hidden ref").
  await git(dir, ["config", "receive.hideRefs", "refs/pull"]);
  const scratch = await mkdtemp(path.join(tmpdir(), "gh-emu-index-"));
  try {
    const env = { GIT_INDEX_FILE: path.join(scratch, "index") };
    for (const [file, content] of Object.entries(options.files)) {
      const blob = await git(dir, ["hash-object", "-w", "--stdin"], { input: content });
      await git(dir, ["update-index", "--add", "--cacheinfo", `100644,${blob},${file}`], { env });
    }
    const tree = await git(dir, ["write-tree"], { env });
    const identity = {
      GIT_AUTHOR_NAME: options.author.name,
      GIT_AUTHOR_EMAIL: options.author.email,
      GIT_COMMITTER_NAME: options.author.name,
      GIT_COMMITTER_EMAIL: options.author.email,
    };
    const commit = await git(dir, ["commit-tree", tree, "-m", "Initial commit"], { env: identity });
    await git(dir, ["update-ref", `refs/heads/${options.defaultBranch}`, commit]);
    return commit;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
