import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorApp } from "./emulator-octokit";
import { pushBranch } from "./emulator-test-git";
import { startGitHubEmulator, type GitHubEmulator } from "./index";

type InstallationOctokit = Awaited<ReturnType<ReturnType<typeof emulatorApp>["getInstallationOctokit"]>>;

describe("GitHub emulator: pull requests, checks, statuses, protection, merges", () => {
  let gh: GitHubEmulator;
  let octokit: InstallationOctokit;
  let token: string;
  const repo = { owner: "acme", repo: "widgets" };

  beforeAll(async () => {
    gh = await startGitHubEmulator();
    const id = gh.createInstallation({
      account: { login: "acme", type: "Organization" },
      repositories: ["acme/widgets"],
    }).id;
    await gh.createRepository({
      owner: "acme",
      name: "widgets",
      files: { "README.md": "# widgets\n", "src/app.txt": "one\ntwo\nthree\n" },
    });
    const app = emulatorApp(gh);
    octokit = await app.getInstallationOctokit(id);
    token = (
      await app.octokit.request("POST /app/installations/{installation_id}/access_tokens", { installation_id: id })
    ).data.token;
  });
  afterAll(async () => gh?.close());

  async function openPr(branch: string, files: Record<string, string>) {
    const sha = await pushBranch(gh, { token, repo: "acme/widgets", branch, files });
    const { data } = await octokit.rest.pulls.create({
      ...repo,
      head: branch,
      base: "main",
      title: `PR ${branch}`,
      body: "body",
    });
    return { sha, number: data.number, pr: data };
  }

  it("opens a PR from a pushed branch, compares it and merges with each method", async () => {
    const first = await openPr("feature/merge", { "src/app.txt": "one\ntwo\nthree\nfour\n" });
    expect(first.pr.head.sha).toBe(first.sha);
    expect(first.pr).toMatchObject({ mergeable: true, commits: 1, additions: 1, changed_files: 1, state: "open" });
    const { data: compare } = await octokit.rest.repos.compareCommitsWithBasehead({
      ...repo,
      basehead: "main...feature/merge",
    });
    expect(compare).toMatchObject({ ahead_by: 1, behind_by: 0, status: "ahead" });
    expect(compare.files?.[0]).toMatchObject({ filename: "src/app.txt", status: "modified", additions: 1 });
    expect(compare.files?.[0].patch).toMatch(/^@@ .*\n(.*\n)*\+four/);
    const { data: diff } = await octokit.rest.repos.compareCommitsWithBasehead({
      ...repo,
      basehead: "main...feature/merge",
      mediaType: { format: "diff" },
    });
    expect(String(diff)).toMatch(/^diff --git a\/src\/app.txt b\/src\/app.txt\n(.*\n)*\+four\n$/);
    const { data: prDiff } = await octokit.rest.pulls.get({
      ...repo,
      pull_number: first.number,
      mediaType: { format: "diff" },
    });
    expect(String(prDiff)).toBe(String(diff));
    const { data: files } = await octokit.rest.pulls.listFiles({ ...repo, pull_number: first.number });
    expect(files.map((f) => [f.filename, f.additions])).toEqual([["src/app.txt", 1]]);
    const { data: commitInfo } = await octokit.rest.repos.getCommit({ ...repo, ref: first.sha });
    expect(commitInfo.files?.map((f) => f.filename)).toEqual(["src/app.txt"]);
    const { data: branches } = await octokit.rest.repos.listBranches(repo);
    expect(branches.map((b) => b.name)).toEqual(expect.arrayContaining(["main", "feature/merge"]));
    const { data: issuesList } = await octokit.rest.issues.listForRepo({ ...repo, state: "all" });
    expect(issuesList.map((i) => i.number)).toContain(first.number);
    const { data: listed } = await octokit.rest.pulls.list({ ...repo, head: "acme:feature/merge", state: "open" });
    expect(listed.map((p) => p.number)).toEqual([first.number]);
    await expect(
      octokit.rest.pulls.create({ ...repo, head: "feature/merge", base: "main", title: "again" }),
    ).rejects.toMatchObject({ status: 422 });

    await expect(
      octokit.rest.pulls.merge({ ...repo, pull_number: first.number, sha: "0".repeat(40) }),
    ).rejects.toMatchObject({ status: 409 });
    const mainBefore = await gh.branchHead("acme/widgets", "main");
    const { data: merged } = await octokit.rest.pulls.merge({
      ...repo,
      pull_number: first.number,
      merge_method: "merge",
      sha: first.sha,
    });
    expect(merged.merged).toBe(true);
    expect(await gh.branchHead("acme/widgets", "main")).toBe(merged.sha);
    const { data: after } = await octokit.rest.pulls.get({ ...repo, pull_number: first.number });
    expect(after).toMatchObject({ merged: true, state: "closed", merge_commit_sha: merged.sha });
    await expect(octokit.rest.pulls.merge({ ...repo, pull_number: first.number })).rejects.toMatchObject({
      status: 405,
    });
    const { data: commit } = await octokit.request("GET /repos/{owner}/{repo}/git/ref/{ref}", {
      ...repo,
      ref: "heads/main",
    });
    expect(commit.object.sha).toBe(merged.sha);
    expect(mainBefore).not.toBe(merged.sha);
    await octokit.rest.git.deleteRef({ ...repo, ref: "heads/feature/merge" });
    expect(await gh.branchHead("acme/widgets", "feature/merge")).toBeNull();
    await octokit.rest.git.createRef({ ...repo, ref: "refs/heads/copy", sha: merged.sha });
    expect(await gh.branchHead("acme/widgets", "copy")).toBe(merged.sha);
    await expect(
      octokit.rest.git.createRef({ ...repo, ref: "refs/heads/copy", sha: merged.sha }),
    ).rejects.toMatchObject({ status: 422 });
    expect((await octokit.rest.pulls.get({ ...repo, pull_number: first.number })).data.head.sha).toBe(first.sha);

    const squash = await openPr("feature/squash", { "squash.txt": "s\n" });
    const { data: squashed } = await octokit.rest.pulls.merge({
      ...repo,
      pull_number: squash.number,
      merge_method: "squash",
    });
    const rebase = await openPr("feature/rebase", { "rebase.txt": "r\n" });
    const { data: rebased } = await octokit.rest.pulls.merge({
      ...repo,
      pull_number: rebase.number,
      merge_method: "rebase",
    });
    expect(await gh.branchHead("acme/widgets", "main")).toBe(rebased.sha);
    const { data: contents } = await octokit.rest.repos.getContent({ ...repo, path: "rebase.txt" });
    expect("content" in contents && Buffer.from(contents.content, "base64").toString()).toBe("r\n");
    expect(squashed.sha).not.toBe(squash.sha);
    expect(rebased.sha).not.toBe(rebase.sha);
    expect(gh.violations).toEqual([]);
  });

  it("refuses conflicts (405) and merges blocked by required checks until they pass", async () => {
    const a = await openPr("conflict/a", { "src/app.txt": "A\n" });
    const b = await openPr("conflict/b", { "src/app.txt": "B\n" });
    await octokit.rest.pulls.merge({ ...repo, pull_number: a.number });
    await expect(octokit.rest.pulls.merge({ ...repo, pull_number: b.number })).rejects.toMatchObject({
      status: 405,
      message: expect.stringContaining("not mergeable"),
    });
    expect((await octokit.rest.pulls.get({ ...repo, pull_number: b.number })).data).toMatchObject({
      mergeable: false,
      mergeable_state: "dirty",
    });

    await expect(octokit.rest.repos.getBranchProtection({ ...repo, branch: "main" })).rejects.toMatchObject({
      status: 404,
    });
    gh.setBranchProtection({ repo: "acme/widgets", branch: "main", requiredChecks: ["ci/test", "legacy-status"] });
    const { data: protection } = await octokit.rest.repos.getBranchProtection({ ...repo, branch: "main" });
    expect(protection.required_status_checks?.contexts).toEqual(["ci/test", "legacy-status"]);

    const c = await openPr("checked", { "checked.txt": "c\n" });
    await expect(octokit.rest.pulls.merge({ ...repo, pull_number: c.number })).rejects.toMatchObject({
      status: 405,
      message: expect.stringContaining("ci/test"),
    });
    const { data: run } = await octokit.rest.checks.create({
      ...repo,
      name: "ci/test",
      head_sha: c.sha,
      status: "in_progress",
      output: { title: "Tests", summary: "running" },
    });
    await octokit.rest.checks.update({
      ...repo,
      check_run_id: Number(run.id),
      conclusion: "failure",
      output: { title: "Tests", summary: "1 failed" },
    });
    await expect(octokit.rest.pulls.merge({ ...repo, pull_number: c.number })).rejects.toMatchObject({
      status: 405,
      message: expect.stringContaining("failing"),
    });
    await octokit.rest.checks.create({
      ...repo,
      name: "ci/test",
      head_sha: c.sha,
      status: "completed",
      conclusion: "success",
    });
    await octokit.rest.repos.createCommitStatus({ ...repo, sha: c.sha, state: "pending", context: "legacy-status" });
    expect((await octokit.rest.pulls.get({ ...repo, pull_number: c.number })).data.mergeable_state).toBe("blocked");
    await octokit.rest.repos.createCommitStatus({ ...repo, sha: c.sha, state: "success", context: "legacy-status" });
    const { data: combined } = await octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref: "checked" });
    expect(combined).toMatchObject({ state: "success", total_count: 1 });
    const { data: runs } = await octokit.rest.checks.listForRef({ ...repo, ref: c.sha });
    expect(runs.check_runs.map((r) => r.conclusion)).toEqual(["success"]);
    expect(runs.check_runs[0].pull_requests.map((p) => p.number)).toEqual([c.number]);
    expect(
      (await octokit.rest.pulls.merge({ ...repo, pull_number: c.number, merge_method: "squash" })).data.merged,
    ).toBe(true);
    expect(gh.listCheckRuns("acme/widgets", c.sha)).toHaveLength(2);
    await gh.idle();
    expect(gh.violations).toEqual([]);
  });

  it("lets a person merge or close from the UI", async () => {
    gh.setBranchProtection({ repo: "acme/widgets", branch: "main", remove: true });
    const a = await openPr("ui/merge", { "ui.txt": "u\n" });
    expect(
      await gh.mergePullRequestAsUser({ repo: "acme/widgets", number: a.number, user: "alice", method: "squash" }),
    ).toMatchObject({ merged: true });
    expect(gh.getPullRequest("acme/widgets", a.number).pull?.mergedBy?.login).toBe("alice");
    const b = await openPr("ui/close", { "ui2.txt": "u\n" });
    await gh.closePullRequestAsUser({ repo: "acme/widgets", number: b.number, user: "alice" });
    expect((await octokit.rest.pulls.get({ ...repo, pull_number: b.number })).data).toMatchObject({
      state: "closed",
      merged: false,
    });
    await octokit.rest.pulls.update({ ...repo, pull_number: b.number, state: "open", title: "Reopened" });
    expect(gh.getPullRequest("acme/widgets", b.number)).toMatchObject({ state: "open", title: "Reopened" });
    expect(gh.violations).toEqual([]);
  });
});
