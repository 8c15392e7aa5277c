import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getCheckRunsBySha } from "@/db/queries/check-runs";
import { getCommentsByNumber } from "@/db/queries/comments";
import { createTestDatabase } from "@/testing/database";
import { issues } from "@/db/schema";
import type { GitProvider } from "@/lib/git-provider/types";
import { createLocalGitProvider } from "./create-local-git-provider";
import { createLocalProject, makeRepository, makeTempDir, openTestPullRequest } from "@/testing/local-project";

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

describe("the local provider's issues, labels, check runs and review replies", () => {
  it("reads issues and changes their labels in the issues row", async () => {
    const { project } = await createLocalProject(handle.db, await makeRepository(root));
    await handle.db.insert(issues).values({
      projectId: project.id,
      number: 7,
      title: "Add search",
      body: "Please",
      author: "ana",
      labels: ["bug", "mergeline"],
    });
    expect(await provider.getIssue({ project, number: 7 })).toEqual({
      number: 7,
      title: "Add search",
      body: "Please",
      url: null,
      state: "open",
      author: "ana",
      labels: ["bug", "mergeline"],
    });
    expect(await provider.getIssue({ project, number: 8 })).toBeNull();

    await provider.setIssueLabels({ project, number: 7, add: ["mergeline:planning"], remove: ["bug", "not-there"] });
    await provider.setIssueLabels({ project, number: 7, add: ["mergeline:planning"], remove: [] });
    expect((await provider.getIssue({ project, number: 7 }))!.labels).toEqual(["mergeline", "mergeline:planning"]);
    await expect(provider.setIssueLabels({ project, number: 8, add: ["x"], remove: [] })).rejects.toThrow(
      /Issue #8 does not exist/,
    );
    await expect(provider.setIssueLabels({ project, number: 7, add: [" "], remove: [] })).rejects.toThrow(
      /not a label name/,
    );
    expect(await provider.getUserPermission({ project, login: "anyone" })).toBe("admin");
  });

  it("keeps one check run per sha and name, and stores review replies with the comment they answer", async () => {
    const context = await createLocalProject(handle.db, await makeRepository(root));
    const { project } = context;
    const pr = await openTestPullRequest(provider, context, "checks", [{ "a.txt": "1" }]);
    const sha = pr.headSha!;
    const first = await provider.publishCheckRun({
      project,
      sha,
      name: "Mergeline validation",
      status: "in_progress",
      title: "Validating",
      summary: "…",
    });
    const second = await provider.publishCheckRun({
      project,
      sha,
      name: "Mergeline validation",
      status: "completed",
      conclusion: "failure",
      title: "Failed",
      summary: "1 test failed",
      text: "details",
      annotations: [{ path: "a.txt", startLine: 1, endLine: 1, level: "failure", message: "wrong" }],
    });
    expect(second.id).toBe(first.id);
    const rows = await getCheckRunsBySha({ db: handle.db, projectId: project.id, sha });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: "completed",
      conclusion: "failure",
      summary: "1 test failed",
      annotations: [{ path: "a.txt", message: "wrong" }],
    });
    await expect(
      provider.publishCheckRun({ project, sha, name: "x", status: "completed", title: "t", summary: "s" }),
    ).rejects.toThrow(/needs a conclusion/);
    await expect(
      provider.publishCheckRun({ project, sha: "abc", name: "x", status: "queued", title: "t", summary: "s" }),
    ).rejects.toThrow(/not a full commit sha/);

    const question = await provider.comment({ project, number: pr.number, body: "Why?" });
    const reply = await provider.replyToReviewComment({
      project,
      number: pr.number,
      commentId: question.id,
      body: "Because.",
    });
    const thread = await getCommentsByNumber({ db: handle.db, projectId: project.id, number: pr.number });
    expect(thread.find((row) => row.id === reply.id)).toMatchObject({ body: "Because.", inReplyTo: question.id });

    const diff = await provider.getBranchDiff({ project, baseBranch: "main", branch: pr.headBranch });
    expect(diff.diff).toContain("+++ b/a.txt");
    expect(await provider.enableAutoMerge({ project, number: pr.number, method: "squash" })).toMatchObject({
      enabled: false,
    });
  });
});
