import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getPullRequestByNumber } from "@/db/queries/pull-requests";
import { runs } from "@/db/schema";
import { createTestDatabase } from "@/testing/database";
import type { GitHubApp } from "@/lib/git-provider/github/app";
import { writeFiles } from "@/testing/local-project";
import { type GitHubEmulator, startGitHubEmulator } from "@/testing/github-emulator";
import type { GitProvider } from "@/lib/git-provider/types";
import { createGitHubGitProvider } from "./create-github-git-provider";
import { createEmulatedProject, emulatedGitHubApp } from "@/testing/github-project";

let handle: DatabaseHandle;
let gh: GitHubEmulator;
let app: GitHubApp;
let provider: GitProvider;
let dataDir: string;
let mints = 0;
beforeAll(async () => {
  handle = await createTestDatabase();
  gh = await startGitHubEmulator();
  app = emulatedGitHubApp(gh);
  // Counts the token requests the App makes (the JWT-authenticated client mints them).
  app.app.octokit.hook.before("request", (options) => {
    if (String(options.url).includes("access_tokens")) mints++;
  });
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "mergeline-github-provider-"));
  provider = createGitHubGitProvider({ db: handle.db, gh: app, dataDir });
}, 180_000);
afterAll(async () => {
  await gh?.close();
  await handle?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** Every file under `dir` whose bytes contain `needle`. */
function filesContaining(dir: string, needle: string): string[] {
  try {
    return execFileSync("grep", ["-rlF", needle, dir], { encoding: "utf8" }).split("\n").filter(Boolean);
  } catch {
    return []; // grep exits 1 when nothing matches
  }
}

describe("the GitHub provider against the emulator", () => {
  it("fetches, commits and pushes over HTTPS without writing the token anywhere, and opens one PR per branch", async () => {
    const { project, githubInstallationId } = await createEmulatedProject(handle.db, gh, {
      owner: "acme",
      name: "shop",
      files: { "README.md": "# shop\n" },
    });
    const [run] = await handle.db
      .insert(runs)
      .values({
        projectId: project.id,
        source: "api",
        goal: "cart",
        baseBranch: "main",
        budget: project.settings.budget,
      })
      .returning();
    const runId = run!.id;
    const workspace = await provider.prepareWorkspace({
      project,
      runId,
      branch: "mergeline/run-1",
      baseBranch: "main",
    });
    expect(workspace).toMatchObject({
      branch: "mergeline/run-1",
      resumed: false,
      headSha: await gh.branchHead("acme/shop", "main"),
    });
    expect(await fs.readFile(path.join(workspace.path, "README.md"), "utf8")).toBe("# shop\n");
    await writeFiles(workspace.path, { "src/cart.js": "export const cart = [];\n" });
    const pushed = await provider.commitAndPush({ project, workspace, message: "Add the cart" });
    expect(pushed!.sha).toBe(await gh.branchHead("acme/shop", "mergeline/run-1"));
    // Nothing new: a repeated call reads as success with the same commit, and pushes nothing.
    expect(await provider.commitAndPush({ project, workspace, message: "nothing" })).toEqual({ sha: pushed!.sha });

    const { token } = await app.installationToken(githubInstallationId);
    expect(token.length).toBeGreaterThan(10);
    const basic = Buffer.from(`x-access-token:${token}`).toString("base64");
    // Not in the mirror's config, the worktree's git files, the workspace or anything else of ours.
    expect(filesContaining(dataDir, token)).toEqual([]);
    expect(filesContaining(dataDir, basic)).toEqual([]);
    const mirrors = await fs.readdir(path.join(dataDir, "mirrors"));
    const config = await fs.readFile(path.join(dataDir, "mirrors", mirrors[0]!, "config"), "utf8");
    expect(config).toContain(`url = "${gh.url}/acme/shop.git"`);

    // A second prepare resumes from the pushed branch.
    const again = await provider.prepareWorkspace({ project, runId, branch: "mergeline/run-1", baseBranch: "main" });
    expect(again).toMatchObject({ resumed: true, headSha: pushed!.sha });

    const input = {
      project,
      runId,
      branch: "mergeline/run-1",
      baseBranch: "main",
      title: "Add the cart",
      body: "Body",
    };
    const pr = await provider.openPullRequest(input);
    expect(pr).toMatchObject({
      headBranch: "mergeline/run-1",
      baseBranch: "main",
      headSha: pushed!.sha,
      state: "open",
    });
    expect(pr.url).toMatch(/acme\/shop\/pull\/\d+$/);
    expect((await provider.openPullRequest(input)).number).toBe(pr.number);
    const mirrored = await getPullRequestByNumber({ db: handle.db, projectId: project.id, number: pr.number });
    expect(mirrored).toMatchObject({ runId, state: "open", headSha: pushed!.sha, url: pr.url });

    const diff = await provider.getBranchDiff({ project, baseBranch: "main", branch: "mergeline/run-1" });
    expect(diff.truncated).toBe(false);
    expect(diff.diff).toContain("+export const cart = [];");
    await provider.removeWorkspace({ project, runId });
    await expect(fs.stat(workspace.path)).rejects.toThrow();
    expect(gh.violations).toEqual([]);
  }, 60_000);

  it("comments, edits comments, labels (creating missing labels), reads issues and permissions", async () => {
    const { project } = await createEmulatedProject(handle.db, gh, { owner: "acme", name: "labels" });
    const { number } = await gh.createIssue({
      repo: "acme/labels",
      title: "Add search",
      body: "Please",
      user: "ana",
      labels: [],
    });
    gh.setPermission({ repo: "acme/labels", user: "ana", permission: "triage" });

    expect(await provider.getIssue({ project, number })).toMatchObject({
      number,
      title: "Add search",
      body: "Please",
      state: "open",
      author: "ana",
      labels: [],
    });
    expect(await provider.getIssue({ project, number: 999 })).toBeNull();
    expect(await provider.getUserPermission({ project, login: "ana" })).toBe("triage");
    expect(await provider.getUserPermission({ project, login: "stranger" })).toBe("none");

    await provider.setIssueLabels({ project, number, add: ["mergeline:planning"], remove: [] });
    await provider.setIssueLabels({
      project,
      number,
      add: ["mergeline:in-progress"],
      remove: ["mergeline:planning", "mergeline:failed"],
    });
    expect(gh.getIssue("acme/labels", number).labels).toEqual(["mergeline:in-progress"]);

    const { id } = await provider.comment({ project, number, body: "Working on it" });
    await provider.updateComment({ project, id, body: "Done" });
    expect(gh.listComments("acme/labels", number).map((comment: { body: string }) => comment.body)).toEqual(["Done"]);
    await expect(provider.updateComment({ project, id: "123456789", body: "x" })).rejects.toThrow(
      /not_found|Not Found/i,
    );
    expect(gh.violations).toEqual([]);
  }, 30_000);

  it("keeps one check run per sha and name, with summary, text and annotations", async () => {
    const { project } = await createEmulatedProject(handle.db, gh, { owner: "acme", name: "checks" });
    const sha = (await gh.branchHead("acme/checks", "main"))!;
    const first = await provider.publishCheckRun({
      project,
      sha,
      name: "Mergeline validation",
      status: "in_progress",
      title: "Validating",
      summary: "Running",
    });
    const annotations = Array.from({ length: 60 }, (_, index) => ({
      path: "README.md",
      startLine: 1,
      endLine: 1,
      level: "failure" as const,
      message: `problem ${index}`,
    }));
    const second = await provider.publishCheckRun({
      project,
      sha,
      name: "Mergeline validation",
      status: "completed",
      conclusion: "failure",
      title: "Failed",
      summary: "1 failed",
      text: "details",
      annotations,
    });
    expect(second.id).toBe(first.id);
    const runs = gh.listCheckRuns("acme/checks", sha);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ name: "Mergeline validation", status: "completed", conclusion: "failure" });
    await provider.setCommitStatus({
      project,
      sha,
      context: "mergeline/validation",
      state: "success",
      description: "ok",
    });
    expect(gh.violations).toEqual([]);
  }, 30_000);

  it("reuses the installation token until shortly before it expires", async () => {
    const { project, githubInstallationId } = await createEmulatedProject(handle.db, gh, {
      owner: "acme",
      name: "tokens",
    });
    const before = mints;
    const a = await app.installationToken(githubInstallationId);
    await provider.getIssue({ project, number: 1 });
    await provider.getIssue({ project, number: 2 });
    const b = await app.installationToken(githubInstallationId);
    expect(b.token).toBe(a.token);
    expect(mints - before).toBe(1);

    // A token that expires within the refresh window is replaced.
    const shortLived = await startGitHubEmulator({ tokenTtlSeconds: 120 });
    try {
      const shortApp = emulatedGitHubApp(shortLived);
      const { id } = shortLived.createInstallation({
        account: { login: "acme", type: "Organization" },
        repositories: "all",
      });
      const first = await shortApp.installationToken(id);
      const second = await shortApp.installationToken(id);
      expect(second.token).not.toBe(first.token);
    } finally {
      await shortLived.close();
    }
  }, 30_000);

  it("retries rate-limited requests (primary 403/429 and secondary) a bounded number of times", async () => {
    const { project } = await createEmulatedProject(handle.db, gh, { owner: "acme", name: "limits" });
    const { number } = await gh.createIssue({ repo: "acme/limits", title: "Limits", user: "ana" });
    await provider.getIssue({ project, number }); // token minted before failures are injected

    gh.failNext({ status: 403, retryAfterSeconds: 1 });
    gh.failNext({ status: 429, retryAfterSeconds: 1 });
    gh.failNext({ status: 403, secondary: true, retryAfterSeconds: 1 });
    expect(await provider.getIssue({ project, number })).toMatchObject({ number, title: "Limits" });

    // Past the bound (3 retries) the request fails with GitHub's answer.
    gh.failNext({ status: 403, secondary: true, retryAfterSeconds: 1, count: 5 });
    await expect(provider.getIssue({ project, number })).rejects.toThrow(/secondary rate limit/);
    // Drain what is left so later requests are not refused.
    await provider.getIssue({ project, number }).catch(() => undefined);
    expect(await provider.getIssue({ project, number })).toMatchObject({ number });
  }, 30_000);
});
