import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getPullRequestByNumber } from "@/db/queries/pull-requests";
import type { Project } from "@/db/schema";
import { runs } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import { runGit } from "@/lib/workspaces/run-git";
import { writeFiles } from "@/testing/local-project";
import { type GitHubEmulator, startGitHubEmulator } from "@/testing/github-emulator";
import type { GitProvider, PullRequestRef } from "@/lib/git-provider/types";
import { createGitHubGitProvider } from "./create-github-git-provider";
import { createEmulatedProject, emulatedGitHubApp } from "@/testing/github-project";

let handle: DatabaseHandle;
let gh: GitHubEmulator;
let provider: GitProvider;
let dataDir: string;
beforeAll(async () => {
  handle = await createTestDatabase();
  gh = await startGitHubEmulator();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "mergeline-github-merge-"));
  provider = createGitHubGitProvider({ db: handle.db, gh: emulatedGitHubApp(gh), dataDir });
}, 180_000);
afterAll(async () => {
  await gh?.close();
  await handle?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** A run of `project` that pushes `files` on its branch and opens its PR, through the provider. */
async function openRunPullRequest(
  project: Project,
  name: string,
  files: Record<string, string>,
): Promise<PullRequestRef> {
  const [run] = await handle.db
    .insert(runs)
    .values({ projectId: project.id, source: "api", goal: name, baseBranch: "main", budget: project.settings.budget })
    .returning();
  const branch = `mergeline/run-${name}`;
  const workspace = await provider.prepareWorkspace({ project, runId: run!.id, branch, baseBranch: "main" });
  await writeFiles(workspace.path, files);
  await provider.commitAndPush({ project, workspace, message: `Change ${name}` });
  await provider.removeWorkspace({ project, runId: run!.id });
  return provider.openPullRequest({
    project,
    runId: run!.id,
    branch,
    baseBranch: "main",
    title: `Do ${name}`,
    body: "",
  });
}

const parentsOf = async (repoDir: string, sha: string) =>
  (await runGit(repoDir, ["rev-list", "--parents", "-n", "1", sha])).split(" ").length - 1;

describe("merging GitHub pull requests", () => {
  it("merges with each of the project's methods and mirrors the merge", async () => {
    const { project } = await createEmulatedProject(handle.db, gh, { owner: "acme", name: "methods" });
    const repoDir = gh.repoPath("acme/methods");

    const squash = await openRunPullRequest(project, "squash", { "a.txt": "a\n" });
    const squashed = await provider.mergePullRequest({
      project,
      number: squash.number,
      method: "squash",
      title: "Add a",
    });
    expect(squashed).toMatchObject({ merged: true });
    const squashSha = (squashed as { sha: string }).sha;
    expect(await gh.branchHead("acme/methods", "main")).toBe(squashSha);
    expect(await parentsOf(repoDir, squashSha)).toBe(1);
    expect(await runGit(repoDir, ["log", "-1", "--format=%s", squashSha])).toBe(`Add a (#${squash.number})`);
    expect(await getPullRequestByNumber({ db: handle.db, projectId: project.id, number: squash.number })).toMatchObject(
      { state: "merged" },
    );
    // Merging again reads as done, with the same commit.
    expect(await provider.mergePullRequest({ project, number: squash.number, method: "squash" })).toEqual({
      merged: true,
      sha: squashSha,
    });

    const merge = await openRunPullRequest(project, "merge", { "b.txt": "b\n" });
    const merged = await provider.mergePullRequest({ project, number: merge.number, method: "merge" });
    expect(await parentsOf(repoDir, (merged as { sha: string }).sha)).toBe(2);

    const rebase = await openRunPullRequest(project, "rebase", { "c.txt": "c\n" });
    const rebased = await provider.mergePullRequest({ project, number: rebase.number, method: "rebase" });
    expect(await gh.branchHead("acme/methods", "main")).toBe((rebased as { sha: string }).sha);
    expect(await parentsOf(repoDir, (rebased as { sha: string }).sha)).toBe(1);
    expect(await runGit(repoDir, ["show", "main:c.txt"])).toBe("c");
    expect(gh.violations).toEqual([]);
  }, 120_000);

  it("reports branch protection's refusal with GitHub's reason, and enables auto-merge where allowed", async () => {
    const { project } = await createEmulatedProject(handle.db, gh, { owner: "acme", name: "protected" });
    gh.setBranchProtection({ repo: "acme/protected", branch: "main", requiredChecks: ["Mergeline validation"] });
    gh.setAutoMergeAllowed({ repo: "acme/protected", allowed: false });
    const pr = await openRunPullRequest(project, "guarded", { "g.txt": "g\n" });

    const refused = await provider.mergePullRequest({ project, number: pr.number, method: "squash" });
    expect(refused).toMatchObject({
      merged: false,
      reason: expect.stringMatching(/Required status check "Mergeline validation" expected/),
    });
    expect(refused).not.toHaveProperty("autoMergeEnabled", true);
    expect(await provider.enableAutoMerge({ project, number: pr.number, method: "squash" })).toMatchObject({
      enabled: false,
      reason: expect.any(String),
    });
    expect((await provider.getPullRequest({ project, number: pr.number }))!.state).toBe("open");

    gh.setAutoMergeAllowed({ repo: "acme/protected", allowed: true });
    const auto = await provider.mergePullRequest({ project, number: pr.number, method: "squash" });
    expect(auto).toEqual({
      merged: false,
      autoMergeEnabled: true,
      reason: expect.stringMatching(/^Auto-merge enabled/),
    });
    expect((await provider.getPullRequest({ project, number: pr.number }))!.state).toBe("open");

    // The required check passes: GitHub merges by itself.
    await provider.publishCheckRun({
      project,
      sha: pr.headSha!,
      name: "Mergeline validation",
      status: "completed",
      conclusion: "success",
      title: "Passed",
      summary: "ok",
    });
    await gh.idle();
    await expect
      .poll(async () => (await provider.getPullRequest({ project, number: pr.number }))!.state, { timeout: 10_000 })
      .toBe("merged");
    expect(await runGit(gh.repoPath("acme/protected"), ["show", "main:g.txt"])).toBe("g");
    expect(gh.violations).toEqual([]);
  }, 120_000);
});
