import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createGitHubGitProvider } from "@/lib/git-provider/github/create-github-git-provider";
import { createLocalGitProvider } from "@/lib/git-provider/local/create-local-git-provider";
import { runGit } from "@/lib/workspaces/run-git";
import { createTestDatabase } from "@/testing/database";
import { type GitHubEmulator, startGitHubEmulator } from "@/testing/github-emulator";
import { createEmulatedProject, emulatedGitHubApp } from "@/testing/github-project";
import { createLocalProject, makeRepository, makeTempDir } from "@/testing/local-project";

// branchExists, the check a new run's base branch passes before the run is created: exact
// branch names only (not a prefix, not a tag), on both providers.

let handle: DatabaseHandle;
let gh: GitHubEmulator;
let root: string;
beforeAll(async () => {
  handle = await createTestDatabase();
  gh = await startGitHubEmulator();
  root = await makeTempDir();
}, 180_000);
afterAll(async () => {
  await gh?.close();
  await handle?.close();
  if (root) await fs.rm(root, { recursive: true, force: true });
});

describe("branchExists", () => {
  it("answers for a local repository", async () => {
    const repo = await makeRepository(root);
    await runGit(repo, ["branch", "feature/cart"]);
    await runGit(repo, ["tag", "v1"]);
    const { project } = await createLocalProject(handle.db, repo);
    const provider = createLocalGitProvider({ db: handle.db, dataDir: path.join(root, "data") });
    expect(await provider.branchExists({ project, branch: "main" })).toBe(true);
    expect(await provider.branchExists({ project, branch: "feature/cart" })).toBe(true);
    expect(await provider.branchExists({ project, branch: "feature" })).toBe(false);
    expect(await provider.branchExists({ project, branch: "v1" })).toBe(false);
    expect(await provider.branchExists({ project, branch: "nope" })).toBe(false);
  });

  it("answers for a GitHub repository through the API, every exchange matching GitHub's description", async () => {
    const { project, githubInstallationId } = await createEmulatedProject(handle.db, gh, {
      owner: "acme",
      name: "branches",
    });
    const octokit = await emulatedGitHubApp(gh).installationOctokit(githubInstallationId);
    const main = (await gh.branchHead("acme/branches", "main"))!;
    await octokit.rest.git.createRef({ owner: "acme", repo: "branches", ref: "refs/heads/feature/cart", sha: main });
    const provider = createGitHubGitProvider({
      db: handle.db,
      gh: emulatedGitHubApp(gh),
      dataDir: await fs.mkdtemp(path.join(os.tmpdir(), "mergeline-branch-exists-")),
    });
    expect(await provider.branchExists({ project, branch: "main" })).toBe(true);
    expect(await provider.branchExists({ project, branch: "feature/cart" })).toBe(true);
    expect(await provider.branchExists({ project, branch: "feature" })).toBe(false);
    expect(await provider.branchExists({ project, branch: "nope" })).toBe(false);
    expect(gh.violations).toEqual([]);
  });
});
