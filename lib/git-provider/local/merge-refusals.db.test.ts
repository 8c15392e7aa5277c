import fs from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { type Project, pullRequests } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import type { GitProvider, MergeMethod } from "@/lib/git-provider/types";
import { runGit } from "@/lib/workspaces/run-git";
import { createLocalGitProvider } from "./create-local-git-provider";
import { mirrorPath } from "@/lib/workspaces/paths";
import { pushToRepository } from "@/lib/workspaces/push-to-repository";
import {
  commitOnCheckout,
  createLocalProject,
  gitLog,
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

async function setup() {
  const repo = await makeRepository(root);
  const { project, runId } = await createLocalProject(handle.db, repo);
  return { repo, project, runId };
}

const openPr = (project: Project, runId: string, name: string, commits: Record<string, string>[]) =>
  openTestPullRequest(provider, { project, runId }, name, commits);

const mainSha = (repo: string) => runGit(repo, ["rev-parse", "refs/heads/main"]);

describe("merges that must wait, race or resume", () => {
  it.each<MergeMethod>(["squash", "rebase"])("refuses a conflicting %s merge and changes nothing", async (method) => {
    const { repo, project, runId } = await setup();
    const pr = await openPr(project, runId, `conflict-${method}`, [{ "README.md": "theirs\n" }]);
    const moved = await commitOnCheckout(repo, { "README.md": "ours\n" }, "Ours");
    const result = await provider.mergePullRequest({ project, number: pr.number, method });
    expect(result).toEqual({ merged: false, reason: "Merge conflict in file: README.md" });
    expect(await mainSha(repo)).toBe(moved);
    expect(await runGit(repo, ["status", "--porcelain"])).toBe("");
    expect((await provider.getPullRequest({ project, number: pr.number }))!.state).toBe("open");
  });

  it("refuses while the checked-out base branch has uncommitted changes", async () => {
    const { repo, project, runId } = await setup();
    const pr = await openPr(project, runId, "dirty", [{ "d.txt": "d" }]);
    const before = await mainSha(repo);
    await writeFiles(repo, { "README.md": "work in progress\n" });
    const result = await provider.mergePullRequest({ project, number: pr.number, method: "squash" });
    expect(result.merged).toBe(false);
    expect(!result.merged && result.reason).toMatch(/uncommitted changes on main \(README\.md\)/);
    expect(await mainSha(repo)).toBe(before);
    expect(await fs.readFile(path.join(repo, "README.md"), "utf8")).toBe("work in progress\n");
    // Once the developer commits, the merge goes through on top of their commit.
    await commitOnCheckout(repo, {}, "WIP");
    expect((await provider.mergePullRequest({ project, number: pr.number, method: "squash" })).merged).toBe(true);
    expect(await gitLog(repo, "main")).toEqual([`Do dirty (#${pr.number})`, "WIP", "Initial commit"]);
  });

  it("lands two concurrent merges into one repository without losing either", async () => {
    const { repo, project, runId } = await setup();
    const first = await openPr(project, runId, "first", [{ "first.txt": "1" }]);
    const second = await openPr(project, runId, "second", [{ "second.txt": "2" }]);
    const results = await Promise.all([
      provider.mergePullRequest({ project, number: first.number, method: "squash" }),
      provider.mergePullRequest({ project, number: second.number, method: "merge" }),
    ]);
    expect(results.map((result) => result.merged)).toEqual([true, true]);
    expect(await showFile(repo, "main", "first.txt")).toBe("1");
    expect(await showFile(repo, "main", "second.txt")).toBe("2");
    expect(await runGit(repo, ["status", "--porcelain"])).toBe("");
  });

  it("finishes a merge whose push landed before the database was updated", async () => {
    const { repo, project, runId } = await setup();
    const pr = await openPr(project, runId, "journal", [{ "j.txt": "j" }]);
    const result = await provider.mergePullRequest({ project, number: pr.number, method: "squash" });
    // As if the process died right after the push: the row is still open.
    await handle.db
      .update(pullRequests)
      .set({ state: "open", mergedAt: null })
      .where(eq(pullRequests.projectId, project.id));
    expect(await provider.mergePullRequest({ project, number: pr.number, method: "squash" })).toEqual(result);
    expect(await gitLog(repo, "main")).toHaveLength(2);
  });

  it("refuses a push whose expected base is stale, and closed PRs", async () => {
    const { repo, project, runId } = await setup();
    const pr = await openPr(project, runId, "stale", [{ "s.txt": "s" }]);
    const before = await mainSha(repo);
    const mirror = mirrorPath(path.join(root, "data"), repo);
    const outcome = await pushToRepository({
      gitDir: mirror,
      cwd: mirror,
      repositoryPath: repo,
      sha: pr.headSha!,
      branch: "main",
      expectedOldSha: pr.headSha,
    });
    expect(outcome).toMatchObject({ pushed: false, stale: true });
    expect(await mainSha(repo)).toBe(before);
    await provider.closePullRequest({ project, number: pr.number });
    expect(await provider.mergePullRequest({ project, number: pr.number, method: "squash" })).toEqual({
      merged: false,
      reason: `Pull request #${pr.number} is closed`,
    });
  });
});
