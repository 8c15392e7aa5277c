import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGit } from "@/lib/workspaces/run-git";
import { commitAndPushWorkspace } from "@/lib/git-provider/local/commit-and-push";
import { mirrorPath } from "./paths";
import { openRepository } from "./repository";
import {
  commitOnCheckout,
  gitLog,
  makeBareRepository,
  makeRepository,
  makeTempDir,
  showFile,
  writeFiles,
} from "@/testing/local-project";
import { prepareLocalWorkspace, removeLocalWorkspace } from "./workspace";

let root: string;
let dataDir: string;
beforeAll(async () => {
  root = await makeTempDir();
  dataDir = path.join(root, "data");
});
afterAll(() => fs.rm(root, { recursive: true, force: true }));

const exists = (file: string) =>
  fs.stat(file).then(
    () => true,
    () => false,
  );

async function setup(runId: string, options: { bare?: boolean } = {}) {
  const repoPath = options.bare ? await makeBareRepository(root) : await makeRepository(root);
  const repository = await openRepository(repoPath);
  const prepare = () =>
    prepareLocalWorkspace({ dataDir, repository, runId, branch: `mergeline/run-${runId}`, baseBranch: "main" });
  return { repoPath, repository, prepare };
}

describe("local workspaces", () => {
  it("starts a new branch from the base branch, with the repository as its remote", async () => {
    const { repoPath, prepare } = await setup("from-base");
    const baseSha = await runGit(repoPath, ["rev-parse", "main"]);
    const workspace = await prepare();
    expect(workspace).toEqual({
      path: path.join(dataDir, "workspaces", "from-base"),
      branch: "mergeline/run-from-base",
      baseBranch: "main",
      headSha: baseSha,
      resumed: false,
    });
    expect(await fs.readFile(path.join(workspace.path, "README.md"), "utf8")).toBe("# demo\n");
    expect(await runGit(workspace.path, ["rev-parse", "--abbrev-ref", "HEAD"])).toBe("mergeline/run-from-base");
    expect(await runGit(workspace.path, ["remote", "get-url", "origin"])).toBe(repoPath);
    expect(await exists(path.join(mirrorPath(dataDir, repoPath), "HEAD"))).toBe(true);
  });

  it("keeps a clean worktree from an earlier step, and starts fresh from anything else", async () => {
    const { repository, prepare } = await setup("reuse");
    const readme = (workspace: { path: string }) => path.join(workspace.path, "README.md");
    // A checkout writes its files anew: an old mtime that survives means the worktree was kept.
    const markOld = (workspace: { path: string }) => fs.utimes(readme(workspace), 946684800, 946684800);
    const kept = async (workspace: { path: string }) => (await fs.stat(readme(workspace))).mtimeMs === 946684800_000;

    const first = await prepare();
    await markOld(first);
    expect(await kept(await prepare())).toBe(true);

    // Committed and pushed (as the coding step does): the next step resumes in the same checkout.
    await writeFiles(first.path, { ".gitignore": "node_modules/\n" });
    const pushed = await commitAndPushWorkspace({ dataDir, repository, workspace: first, message: "ignore" });
    const resumed = await prepare();
    expect(resumed).toMatchObject({ headSha: pushed!.sha, resumed: true });
    expect(await kept(resumed)).toBe(true);

    // An ignored directory (a setup's node_modules) is not what a fresh checkout has.
    await writeFiles(resumed.path, { "node_modules/x/index.js": "x" });
    const afterIgnored = await prepare();
    expect(await kept(afterIgnored)).toBe(false);
    expect(await exists(path.join(afterIgnored.path, "node_modules"))).toBe(false);

    // Content changed with its mtime set back: git sees the ctime, which no command can set back.
    await markOld(afterIgnored);
    await fs.writeFile(readme(afterIgnored), "# DEMO\n");
    await markOld(afterIgnored);
    const afterEdit = await prepare();
    expect(await fs.readFile(readme(afterEdit), "utf8")).toBe("# demo\n");

    // A rewritten .git file: the worktree is made again, and the file with it.
    await markOld(afterEdit);
    const dotGit = path.join(afterEdit.path, ".git");
    const original = await fs.readFile(dotGit, "utf8");
    await fs.writeFile(dotGit, `gitdir: ${path.join(root, "elsewhere")}\n`);
    const afterDotGit = await prepare();
    expect(await kept(afterDotGit)).toBe(false);
    expect(await fs.readFile(dotGit, "utf8")).toBe(original);

    // The same text behind a symlink is not the file git wrote either.
    await markOld(afterDotGit);
    await fs.writeFile(path.join(root, "dot-git-copy"), original);
    await fs.rm(dotGit);
    await fs.symlink(path.join(root, "dot-git-copy"), dotGit);
    const afterSymlink = await prepare();
    expect(await kept(afterSymlink)).toBe(false);
    expect((await fs.lstat(dotGit)).isFile()).toBe(true);
  });

  it("commits, pushes, and resumes from the pushed branch; nothing new means null", async () => {
    const { repoPath, repository, prepare } = await setup("push");
    const first = await prepare();
    expect(await commitAndPushWorkspace({ dataDir, repository, workspace: first, message: "nothing" })).toBeNull();
    await writeFiles(first.path, { "src/cart.js": "export const total = 1;\n" });
    const pushed = await commitAndPushWorkspace({
      dataDir,
      repository,
      workspace: first,
      message: "# Add the cart\n\nbody",
    });
    expect(pushed).not.toBeNull();
    expect(await runGit(repoPath, ["rev-parse", "refs/heads/mergeline/run-push"])).toBe(pushed!.sha);
    expect(await gitLog(repoPath, "mergeline/run-push", "%an|%s")).toEqual([
      "Mergeline|# Add the cart",
      "Mergeline|Initial commit",
    ]);
    expect(await runGit(repoPath, ["log", "-1", "--format=%B", "refs/heads/mergeline/run-push"])).toBe(
      "# Add the cart\n\nbody",
    );
    // Pushing the same commit again is a no-op that still reports the branch's commit.
    expect(await commitAndPushWorkspace({ dataDir, repository, workspace: first, message: "again" })).toEqual(pushed);
    // The developer's checkout is untouched: still on main, clean.
    expect(await runGit(repoPath, ["status", "--porcelain"])).toBe("");

    const second = await prepare();
    expect(second).toMatchObject({ headSha: pushed!.sha, resumed: true });
    expect(await fs.readFile(path.join(second.path, "src/cart.js"), "utf8")).toBe("export const total = 1;\n");
    expect(await commitAndPushWorkspace({ dataDir, repository, workspace: second, message: "nothing" })).toBeNull();
  });

  it("discards whatever a crashed attempt left behind", async () => {
    const { repoPath, repository, prepare } = await setup("retry");
    const first = await prepare();
    await writeFiles(first.path, { "a.txt": "pushed\n" });
    const pushed = await commitAndPushWorkspace({ dataDir, repository, workspace: first, message: "pushed" });
    // A half-done attempt: an unpushed commit, staged and untracked changes.
    const crashed = await prepare();
    await writeFiles(crashed.path, { "a.txt": "unpushed\n" });
    await runGit(crashed.path, ["commit", "--quiet", "-am", "unpushed"]);
    await writeFiles(crashed.path, { "staged.txt": "x", "README.md": "changed" });
    await runGit(crashed.path, ["add", "staged.txt"]);
    await writeFiles(crashed.path, { "junk/untracked.txt": "x" });
    const retried = await prepare();
    expect(retried.headSha).toBe(pushed!.sha);
    expect(await runGit(retried.path, ["status", "--porcelain"])).toBe("");
    expect(await fs.readFile(path.join(retried.path, "a.txt"), "utf8")).toBe("pushed\n");
    expect(await exists(path.join(retried.path, "junk"))).toBe(false);

    // A crash in the middle of making the worktree: its directory gone, or only its directory left.
    await fs.rm(retried.path, { recursive: true, force: true });
    expect((await prepare()).headSha).toBe(pushed!.sha);
    await fs.rm(path.join(mirrorPath(dataDir, repoPath), "worktrees", "retry"), { recursive: true, force: true });
    const again = await prepare();
    expect(await runGit(again.path, ["status", "--porcelain"])).toBe("");
    expect(await showFile(repoPath, "mergeline/run-retry", "a.txt")).toBe("pushed\n");
  });

  it("ignores git config an agent writes into the workspace", async () => {
    const { repoPath, repository, prepare } = await setup("hostile");
    const workspace = await prepare();
    // HOME is the workspace for git; a ~/.gitconfig or XDG config there must not count.
    await writeFiles(workspace.path, {
      ".gitconfig": "[core]\n\texcludesFile = ignore-list\n",
      ".config/git/ignore": "secret.txt\n",
      "ignore-list": "feature.txt\n",
      "feature.txt": "feature\n",
      "secret.txt": "kept\n",
    });
    // A rewritten .git file must not redirect the commit elsewhere.
    await fs.writeFile(path.join(workspace.path, ".git"), `gitdir: ${path.join(root, "elsewhere")}\n`);
    const pushed = await commitAndPushWorkspace({ dataDir, repository, workspace, message: "feature" });
    expect(pushed).not.toBeNull();
    expect(await showFile(repoPath, "mergeline/run-hostile", "feature.txt")).toBe("feature\n");
    expect(await showFile(repoPath, "mergeline/run-hostile", "secret.txt")).toBe("kept\n");
  });

  it("works with a bare repository and refuses a push that would drop commits", async () => {
    const { repoPath, repository, prepare } = await setup("bare", { bare: true });
    const workspace = await prepare();
    await writeFiles(workspace.path, { "b.txt": "bare\n" });
    const pushed = await commitAndPushWorkspace({ dataDir, repository, workspace, message: "into bare" });
    expect(await runGit(repoPath, ["rev-parse", "refs/heads/mergeline/run-bare"])).toBe(pushed!.sha);
    // Someone else moved the branch meanwhile: a stale workspace must not overwrite it.
    const clone = path.join(root, "someone-else");
    await runGit(root, ["clone", "--quiet", "--branch", "mergeline/run-bare", repoPath, clone]);
    await commitOnCheckout(clone, { "c.txt": "theirs" }, "theirs");
    await runGit(clone, ["push", "--quiet", "origin", "HEAD"]);
    await writeFiles(workspace.path, { "b.txt": "mine\n" });
    await expect(commitAndPushWorkspace({ dataDir, repository, workspace, message: "mine" })).rejects.toThrow(
      /refused/,
    );
    expect(await gitLog(repoPath, "mergeline/run-bare")).toEqual(["theirs", "into bare", "Initial commit"]);
  });

  it("removes a workspace and the mirror's copy of its branch, keeping the pushed branch", async () => {
    const { repoPath, repository, prepare } = await setup("remove");
    const workspace = await prepare();
    await writeFiles(workspace.path, { "r.txt": "r" });
    await commitAndPushWorkspace({ dataDir, repository, workspace, message: "r" });
    await removeLocalWorkspace({ dataDir, repositoryPath: repoPath, runId: "remove" });
    await removeLocalWorkspace({ dataDir, repositoryPath: repoPath, runId: "remove" });
    expect(await exists(workspace.path)).toBe(false);
    const mirror = mirrorPath(dataDir, repoPath);
    expect(
      await runGit(mirror, ["for-each-ref", "--format=%(refname)", "refs/heads/"], { env: { GIT_DIR: mirror } }),
    ).not.toContain("run-remove");
    expect(await gitLog(repoPath, "mergeline/run-remove")).toEqual(["r", "Initial commit"]);
  });

  it("rejects unsafe run ids, branch names and missing base branches", async () => {
    const { repository } = await setup("invalid");
    const prepare = (runId: string, branch: string, baseBranch = "main") =>
      prepareLocalWorkspace({ dataDir, repository, runId, branch, baseBranch });
    await expect(prepare("../escape", "b")).rejects.toThrow(/not a valid run id/);
    await expect(prepare("ok", "--upload-pack=evil")).rejects.toThrow(/not a valid branch/);
    await expect(prepare("ok", "a..b")).rejects.toThrow(/not a valid branch/);
    await expect(prepare("ok", "feature", "develop")).rejects.toThrow(/no branch develop/);
    await expect(openRepository(path.join(root, "nope"))).rejects.toThrow(/No repository/);
    await expect(openRepository(root)).rejects.toThrow(/not a git repository/);
  });
});
