import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getPullRequestByNumber } from "@/db/queries/pull-requests";
import type { Project } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import type { GitProvider } from "@/lib/git-provider/types";
import { runGit } from "@/lib/workspaces/run-git";
import { createLocalGitProvider } from "./create-local-git-provider";
import {
  commitOnCheckout,
  createLocalProject,
  gitLog,
  makeBareRepository,
  makeRepository,
  makeTempDir,
  openTestPullRequest,
  showFile,
  writeFiles,
} from "@/testing/local-project";

let handle: DatabaseHandle;
let root: string;
let provider: GitProvider;
beforeAll(async () => {
  handle = await createTestDatabase();
  root = await makeTempDir();
  provider = createLocalGitProvider({ db: handle.db, dataDir: path.join(root, "data") });
});
afterAll(async () => {
  await handle.close();
  await fs.rm(root, { recursive: true, force: true });
});

async function setup(options: { bare?: boolean } = {}) {
  const repo = options.bare ? await makeBareRepository(root) : await makeRepository(root);
  const { project, runId } = await createLocalProject(handle.db, repo);
  return { repo, project, runId };
}

const openPr = (project: Project, runId: string, name: string, commits: Record<string, string>[]) =>
  openTestPullRequest(provider, { project, runId }, name, commits);

const mainSha = (repo: string) => runGit(repo, ["rev-parse", "refs/heads/main"]);

describe("merging local pull requests", () => {
  it("squashes into one commit, updates a clean checked-out working tree, and is idempotent", async () => {
    const { repo, project, runId } = await setup();
    const pr = await openPr(project, runId, "squash", [{ "a.txt": "one\n" }, { "a.txt": "two\n", "b.txt": "b\n" }]);
    const result = await provider.mergePullRequest({ project, number: pr.number, method: "squash" });
    expect(result).toEqual({ merged: true, sha: await mainSha(repo) });
    expect(await gitLog(repo, "main")).toEqual([`Do squash (#${pr.number})`, "Initial commit"]);
    const message = await runGit(repo, ["log", "-1", "--format=%B", "main"]);
    expect(message).toContain(`Pull request #${pr.number}: mergeline/squash into main.`);
    expect(message).toContain("* squash step 1\n* squash step 2");
    expect(await runGit(repo, ["rev-list", "--parents", "-1", "main"])).toHaveLength(81);
    // updateInstead: the developer's checkout now shows the merged files and is clean.
    expect(await fs.readFile(path.join(repo, "a.txt"), "utf8")).toBe("two\n");
    expect(await runGit(repo, ["status", "--porcelain"])).toBe("");

    const row = await getPullRequestByNumber({ db: handle.db, projectId: project.id, number: pr.number });
    expect(row).toMatchObject({ state: "merged", mergeCommitSha: result.merged ? result.sha : "" });
    expect(row!.mergedAt).toBeInstanceOf(Date);
    expect(await provider.mergePullRequest({ project, number: pr.number, method: "squash" })).toEqual(result);
    expect(await gitLog(repo, "main")).toHaveLength(2);
  });

  it("makes a merge commit with both parents", async () => {
    const { repo, project, runId } = await setup();
    const pr = await openPr(project, runId, "merge", [{ "m.txt": "1" }, { "m.txt": "2" }]);
    const before = await mainSha(repo);
    const result = await provider.mergePullRequest({
      project,
      number: pr.number,
      method: "merge",
      title: "Custom title",
    });
    expect(result.merged).toBe(true);
    const [, ...parents] = (await runGit(repo, ["rev-list", "--parents", "-1", "main"])).split(" ");
    expect(parents).toEqual([before, pr.headSha]);
    expect(await runGit(repo, ["log", "-1", "--format=%B", "main"])).toBe(
      `Merge pull request #${pr.number} from mergeline/merge\n\nCustom title`,
    );
    expect(await gitLog(repo, "main")).toHaveLength(4);
    expect(await showFile(repo, "main", "m.txt")).toBe("2");
  });

  it("rebases the commits onto a base that moved, keeping their authors and messages", async () => {
    const { repo, project, runId } = await setup();
    const pr = await openPr(project, runId, "rebase", [{ "r.txt": "1" }, { "r2.txt": "2" }]);
    await commitOnCheckout(repo, { "main.txt": "moved" }, "Main moved");
    const result = await provider.mergePullRequest({ project, number: pr.number, method: "rebase" });
    expect(result.merged).toBe(true);
    expect(await gitLog(repo, "main", "%an|%s")).toEqual([
      "Mergeline|rebase step 2",
      "Mergeline|rebase step 1",
      "Mergeline|Main moved",
      "Mergeline|Initial commit",
    ]);
    expect(await runGit(repo, ["rev-list", "--merges", "--count", "main"])).toBe("0");
    expect(await fs.readFile(path.join(repo, "r2.txt"), "utf8")).toBe("2");
  });

  it("updates only the branch when the clone has another branch checked out", async () => {
    const { repo, project, runId } = await setup();
    const pr = await openPr(project, runId, "elsewhere", [{ "e.txt": "e" }]);
    await runGit(repo, ["checkout", "--quiet", "-b", "local-work"]);
    await writeFiles(repo, { "README.md": "uncommitted on another branch\n" });
    expect((await provider.mergePullRequest({ project, number: pr.number, method: "squash" })).merged).toBe(true);
    expect(await showFile(repo, "main", "e.txt")).toBe("e");
    expect(await runGit(repo, ["rev-parse", "--abbrev-ref", "HEAD"])).toBe("local-work");
    expect(await runGit(repo, ["status", "--porcelain"])).toBe("M README.md");
  });

  it("merges into a bare repository", async () => {
    const { repo, project, runId } = await setup({ bare: true });
    const pr = await openPr(project, runId, "bare", [{ "bare.txt": "b" }]);
    expect((await provider.mergePullRequest({ project, number: pr.number, method: "squash" })).merged).toBe(true);
    expect(await showFile(repo, "main", "bare.txt")).toBe("b");
  });
});
