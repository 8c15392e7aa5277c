import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGit } from "@/lib/workspaces/run-git";
import { makeRepository, makeTempDir } from "@/testing/local-project";
import { fetchMirror } from "./fetch-mirror";
import { mirrorPath } from "./paths";
import { openRepository } from "./repository";

let root: string;
beforeAll(async () => {
  root = await makeTempDir();
});
afterAll(() => fs.rm(root, { recursive: true, force: true }));

// The mirror's FETCH_HEAD is rewritten by every fetch: its mtime tells whether one ran.
const lastFetch = (mirrorDir: string) =>
  fs.stat(path.join(mirrorDir, "FETCH_HEAD")).then(
    (stat) => stat.mtimeMs,
    () => 0,
  );

describe("the mirror of a local repository", () => {
  it("fetches only when a branch or tag moved, and then sees every change", async () => {
    const repoPath = await makeRepository(root);
    const repository = await openRepository(repoPath);
    const dataDir = path.join(root, "data");
    const fetch = (branches: string[]) => fetchMirror({ dataDir, repository, branches });
    const mirrorDir = mirrorPath(dataDir, repoPath);

    const main = await runGit(repoPath, ["rev-parse", "main"]);
    expect((await fetch(["main"])).heads).toEqual([main]);
    const first = await lastFetch(mirrorDir);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const recorded = path.join(mirrorDir, "mergeline-fetched-refs");
    const usedBefore = (await fs.stat(recorded)).mtimeMs;
    expect((await fetch(["main"])).heads).toEqual([main]);
    expect(await lastFetch(mirrorDir)).toBe(first);
    // Still counted as used, so the idle-mirror sweep keeps it.
    expect((await fs.stat(recorded)).mtimeMs).toBeGreaterThan(usedBefore);

    // A new branch, a moved branch, a tag, a deleted branch: each is fetched.
    await runGit(repoPath, ["branch", "feature/x", "main"]);
    expect((await fetch(["feature/x"])).heads).toEqual([main]);
    await fs.writeFile(path.join(repoPath, "more.txt"), "more\n");
    await runGit(repoPath, ["add", "more.txt"]);
    await runGit(repoPath, ["commit", "--quiet", "-m", "more"]);
    const moved = await runGit(repoPath, ["rev-parse", "main"]);
    expect((await fetch(["main"])).heads).toEqual([moved]);
    await runGit(repoPath, ["tag", "v1", moved]);
    await fetch([]);
    expect(await runGit(mirrorDir, ["rev-parse", "refs/tags/v1"], { env: { GIT_DIR: mirrorDir } })).toBe(moved);
    await runGit(repoPath, ["pack-refs", "--all"]);
    await runGit(repoPath, ["branch", "-D", "feature/x"]);
    expect((await fetch(["feature/x", "main"])).heads).toEqual([null, moved]);
  });

  it("is made by a local clone: the repository's objects hardlinked, its branches as origin's, no local branch", async () => {
    const repoPath = await makeRepository(root);
    await runGit(repoPath, ["branch", "feature/y", "main"]);
    await runGit(repoPath, ["tag", "v2", "main"]);
    await runGit(repoPath, ["gc", "--quiet"]);
    const repository = await openRepository(repoPath);
    const dataDir = path.join(root, "data-clone");
    const mirrorDir = mirrorPath(dataDir, repoPath);
    const { heads } = await fetchMirror({ dataDir, repository, branches: ["main", "feature/y"] });
    const main = await runGit(repoPath, ["rev-parse", "main"]);
    expect(heads).toEqual([main, main]);
    const git = (args: string[]) => runGit(mirrorDir, args, { env: { GIT_DIR: mirrorDir } });
    expect((await git(["for-each-ref", "--format=%(refname)"])).split("\n").sort()).toEqual([
      "refs/remotes/origin/feature/y",
      "refs/remotes/origin/main",
      "refs/tags/v2",
    ]);
    // The pack the repository's gc wrote is the mirror's too: one file, two names.
    const packs = path.join(mirrorDir, "objects", "pack");
    const pack = (await fs.readdir(packs)).find((name) => name.endsWith(".pack"))!;
    expect((await fs.stat(path.join(packs, pack))).nlink).toBe(2);
    expect(await git(["config", "--get-all", "remote.origin.url"])).toBe(repoPath);
    expect(await git(["config", "core.hooksPath"])).toBe("/dev/null");
  });

  it("fetches again when its record of the last fetch is gone", async () => {
    const repoPath = await makeRepository(root);
    const repository = await openRepository(repoPath);
    const dataDir = path.join(root, "data-2");
    const mirrorDir = mirrorPath(dataDir, repoPath);
    await fetchMirror({ dataDir, repository, branches: [] });
    const first = await lastFetch(mirrorDir);
    await fs.rm(path.join(mirrorDir, "mergeline-fetched-refs"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await fetchMirror({ dataDir, repository, branches: [] });
    expect(await lastFetch(mirrorDir)).toBeGreaterThan(first);
  });
});
