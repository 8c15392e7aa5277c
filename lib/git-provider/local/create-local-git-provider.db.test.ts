import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getCommentsByNumber } from "@/db/queries/comments";
import { getCommitStatusesBySha } from "@/db/queries/commit-statuses";
import { createTestDatabase } from "@/testing/database";
import { getGitProvider } from "@/lib/git-provider";
import type { GitProvider } from "@/lib/git-provider/types";
import { runGit } from "@/lib/workspaces/run-git";
import { createLocalGitProvider } from "./create-local-git-provider";
import { createLocalProject, makeRepository, makeTempDir, writeFiles } from "@/testing/local-project";

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

describe("the local provider's pull requests, comments and statuses", () => {
  it("opens one PR per branch, idempotently, and keeps its head commit current", async () => {
    const repo = await makeRepository(root);
    const { project, runId } = await createLocalProject(handle.db, repo);
    await expect(
      provider.openPullRequest({ project, runId, branch: "nope", baseBranch: "main", title: "t", body: "" }),
    ).rejects.toThrow(/has not been pushed/);

    const workspace = await provider.prepareWorkspace({
      project,
      runId,
      branch: "mergeline/run-a",
      baseBranch: "main",
    });
    await writeFiles(workspace.path, { "a.txt": "1" });
    const first = await provider.commitAndPush({ project, workspace, message: "one" });
    const input = { project, runId, branch: "mergeline/run-a", baseBranch: "main", title: "Add a", body: "Body" };
    const pr = await provider.openPullRequest(input);
    expect(pr).toEqual({
      number: 1,
      url: null,
      headBranch: "mergeline/run-a",
      baseBranch: "main",
      headSha: first!.sha,
      state: "open",
    });
    const [again, concurrent] = await Promise.all([provider.openPullRequest(input), provider.openPullRequest(input)]);
    expect([again.number, concurrent.number]).toEqual([1, 1]);

    // A push through the provider updates the PR; a push by anyone else shows up on read.
    await writeFiles(workspace.path, { "a.txt": "2" });
    const second = await provider.commitAndPush({ project, workspace, message: "two" });
    expect((await provider.getPullRequest({ project, number: 1 }))!.headSha).toBe(second!.sha);
    await runGit(repo, ["branch", "--force", "mergeline/run-a", first!.sha]);
    expect((await provider.getPullRequest({ project, number: 1 }))!.headSha).toBe(first!.sha);
    expect(await provider.getPullRequest({ project, number: 99 })).toBeNull();

    await provider.updatePullRequest({ project, number: 1, title: "Add a, better" });
    await expect(provider.updatePullRequest({ project, number: 99, body: "x" })).rejects.toThrow(/#99 does not exist/);
    await provider.closePullRequest({ project, number: 1 });
    await provider.closePullRequest({ project, number: 1 });
    expect((await provider.getPullRequest({ project, number: 1 }))!.state).toBe("closed");
    // The branch has no open PR any more, so opening it again makes a new one.
    expect((await provider.openPullRequest(input)).number).toBe(2);
  });

  it("numbers ten PRs opened at once 1..10 in each project", async () => {
    const repo = await makeRepository(root);
    const branches = Array.from({ length: 10 }, (_, index) => `feature-${index}`);
    for (const branch of branches) await runGit(repo, ["branch", branch]);
    const projects = await Promise.all([createLocalProject(handle.db, repo), createLocalProject(handle.db, repo)]);
    for (const { project, runId } of projects) {
      const opened = await Promise.all(
        branches.map((branch) =>
          provider.openPullRequest({ project, runId, branch, baseBranch: "main", title: branch, body: "" }),
        ),
      );
      expect(opened.map((pr) => pr.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }
  });

  it("stores comments and edits them", async () => {
    const { project } = await createLocalProject(handle.db, await makeRepository(root));
    const { id } = await provider.comment({ project, number: 3, body: "Validation started" });
    await provider.comment({ project, number: 3, body: "second" });
    await provider.updateComment({ project, id, body: "Validation passed" });
    const rows = await getCommentsByNumber({ db: handle.db, projectId: project.id, number: 3 });
    expect(rows.map((row) => [row.author, row.body])).toEqual([
      ["mergeline", "Validation passed"],
      ["mergeline", "second"],
    ]);
    await expect(provider.updateComment({ project, id: "not-a-uuid", body: "x" })).rejects.toThrow(/does not exist/);
    await expect(provider.updateComment({ project, id: crypto.randomUUID(), body: "x" })).rejects.toThrow(
      /does not exist/,
    );
  });

  it("keeps one commit status per sha and context, the latest winning", async () => {
    const { project } = await createLocalProject(handle.db, await makeRepository(root));
    const sha = "a".repeat(40);
    await provider.setCommitStatus({ project, sha, context: "mergeline/tests", state: "pending" });
    await provider.setCommitStatus({
      project,
      sha,
      context: "mergeline/tests",
      state: "success",
      description: "12 passed",
      targetUrl: "/runs/1",
    });
    await provider.setCommitStatus({ project, sha, context: "mergeline/preview", state: "failure" });
    const statuses = await getCommitStatusesBySha({ db: handle.db, projectId: project.id, sha });
    expect(statuses.map((status) => [status.context, status.state, status.description, status.targetUrl])).toEqual([
      ["mergeline/preview", "failure", null, null],
      ["mergeline/tests", "success", "12 passed", "/runs/1"],
    ]);
    await expect(provider.setCommitStatus({ project, sha: "main", context: "x", state: "error" })).rejects.toThrow(
      /not a full commit sha/,
    );
  });

  it("is what getGitProvider returns for local projects; GitHub is not configured yet", async () => {
    const { project } = await createLocalProject(handle.db, await makeRepository(root));
    expect(getGitProvider(project, { db: handle.db }).kind).toBe("local");
    expect(() => getGitProvider({ ...project, provider: "github" }, { db: handle.db })).toThrow(
      /GitHub App is not configured/,
    );
    await expect(provider.getPullRequest({ project: { ...project, provider: "github" }, number: 1 })).rejects.toThrow(
      /not the local one/,
    );
  });
});
