import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorApp } from "./emulator-octokit";
import { pushBranch } from "./emulator-test-git";
import { startGitHubEmulator, type GitHubEmulator } from "./index";

// refs/pull/<n>/head over git smart HTTP, as GitHub serves it: for a PR of the repository's own
// branch and for one from a contributor's fork (whose branch the base repository does not have),
// following new commits, refused to pushes, and described by head.repo in the API and webhooks.
const exec = promisify(execFile);
const ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_TERMINAL_PROMPT: "0",
  GIT_AUTHOR_NAME: "Bo",
  GIT_AUTHOR_EMAIL: "bo@example.com",
  GIT_COMMITTER_NAME: "Bo",
  GIT_COMMITTER_EMAIL: "bo@example.com",
};

describe("GitHub emulator: pull request refs and forks", () => {
  let gh: GitHubEmulator;
  let token: string;
  let installationId: number;
  let work: string;
  const git = async (cwd: string, args: string[], env: Record<string, string> = {}) =>
    (await exec("git", args, { cwd, env: { ...ENV, ...env } })).stdout.trim();
  const remoteRefs = async () =>
    new Map(
      (await git(work, ["ls-remote", `${gh.url}/acme/widgets.git`, "refs/pull/*"], gh.gitAuthEnv(token)))
        .split("\n")
        .filter(Boolean)
        .map((line) => line.split("\t").reverse() as [string, string]),
    );

  beforeAll(async () => {
    gh = await startGitHubEmulator();
    installationId = gh.createInstallation({ account: { login: "acme" }, repositories: ["acme/widgets"] }).id;
    await gh.createRepository({ owner: "acme", name: "widgets", files: { "README.md": "# widgets\n" } });
    const { data } = await emulatorApp(gh).octokit.request("POST /app/installations/{installation_id}/access_tokens", {
      installation_id: installationId,
    });
    token = data.token;
    work = await mkdtemp(path.join(tmpdir(), "gh-emu-pull-refs-"));
  });
  afterAll(async () => {
    await gh?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("serves refs/pull/<n>/head for a PR of its own branch, following the branch", async () => {
    const first = await pushBranch(gh, { token, repo: "acme/widgets", branch: "feature", files: { "a.txt": "a\n" } });
    const octokit = await emulatorApp(gh).getInstallationOctokit(installationId);
    const { data: pull } = await octokit.request("POST /repos/{owner}/{repo}/pulls", {
      owner: "acme",
      repo: "widgets",
      head: "feature",
      base: "main",
      title: "A",
    });
    expect((await remoteRefs()).get(`refs/pull/${pull.number}/head`)).toBe(first);
    const second = await pushBranch(gh, {
      token,
      repo: "acme/widgets",
      branch: "feature",
      from: "feature",
      files: { "a.txt": "a2\n" },
    });
    expect((await remoteRefs()).get(`refs/pull/${pull.number}/head`)).toBe(second);
  });

  it("serves a fork's PR head from the base repository and refuses pushes to refs/pull", async () => {
    const fork = await gh.createFork({ repo: "acme/widgets", owner: "bo" });
    expect(fork.fullName).toBe("bo/widgets");
    const clone = path.join(work, "bo-widgets");
    await git(work, ["clone", "--quiet", fork.dir, clone]);
    await git(clone, ["checkout", "--quiet", "-b", "fix-typo"]);
    await writeFile(path.join(clone, "README.md"), "# Widgets\n");
    await git(clone, ["commit", "--quiet", "-am", "Fix the title"]);
    await gh.pushAsUser({ repo: fork.fullName, user: "bo", from: clone, branch: "fix-typo" });
    const { number } = await gh.openPullRequestAsUser({
      repo: "acme/widgets",
      user: "bo",
      head: "bo:fix-typo",
      base: "main",
      title: "Fix the title",
    });
    const head = await git(clone, ["rev-parse", "HEAD"]);
    // The base repository has no branch fix-typo, but its pull ref has the fork's commit.
    expect(await gh.branchHead("acme/widgets", "fix-typo")).toBeNull();
    expect((await remoteRefs()).get(`refs/pull/${number}/head`)).toBe(head);
    const fetched = path.join(work, "fetched");
    await git(work, ["init", "--quiet", "--bare", fetched]);
    await git(
      fetched,
      ["fetch", "--quiet", `${gh.url}/acme/widgets.git`, `refs/pull/${number}/head`],
      gh.gitAuthEnv(token),
    );
    expect(await git(fetched, ["rev-parse", "FETCH_HEAD"])).toBe(head);

    const opened = gh.deliveries.find(
      (d) => d.event === "pull_request" && d.action === "opened" && (d.payload.number as number) === number,
    );
    const payload = opened!.payload as {
      pull_request: { head: { repo: { full_name: string; fork: boolean }; label: string } };
    };
    expect(payload.pull_request.head.repo).toMatchObject({ full_name: "bo/widgets", fork: true });
    expect(payload.pull_request.head.label).toBe("bo:fix-typo");

    // A new commit in the fork moves the pull ref and sends pull_request.synchronize to the base repository.
    await writeFile(path.join(clone, "README.md"), "# Widgets!\n");
    await git(clone, ["commit", "--quiet", "-am", "Louder"]);
    await gh.pushAsUser({ repo: fork.fullName, user: "bo", from: clone, branch: "fix-typo" });
    const moved = await git(clone, ["rev-parse", "HEAD"]);
    expect((await remoteRefs()).get(`refs/pull/${number}/head`)).toBe(moved);
    await gh.idle();
    const sync = gh.deliveries.find(
      (d) => d.event === "pull_request" && d.action === "synchronize" && (d.payload.number as number) === number,
    );
    expect((sync!.payload as { repository: { full_name: string } }).repository.full_name).toBe("acme/widgets");
    const octokit = await emulatorApp(gh).getInstallationOctokit(installationId);
    const { data: pull } = await octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", {
      owner: "acme",
      repo: "widgets",
      pull_number: number,
    });
    expect(pull.head).toMatchObject({ sha: moved, ref: "fix-typo", repo: { full_name: "bo/widgets" } });
    expect(pull.changed_files).toBe(1);

    // Nobody pushes to a pull ref, as on GitHub.
    const refused = await exec(
      "git",
      ["push", "--quiet", `${gh.url}/acme/widgets.git`, `HEAD:refs/pull/${number}/head`],
      { cwd: clone, env: { ...ENV, ...gh.gitAuthEnv(token) } },
    ).catch((error: { stderr: string }) => error.stderr);
    expect(String(refused)).toContain("hidden ref");
    expect(gh.violations).toEqual([]);
  });
});
