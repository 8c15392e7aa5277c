import { describe, expect, it } from "vitest";
import { runGit } from "@/lib/workspaces/run-git";
import { gitProviderSetup } from "@/testing/git-provider/git-provider-setup";
import { createEmulatedProject, emulatedGitHubApp } from "@/testing/github-project";
import { createLocalProject, makeRepository } from "@/testing/local-project";

// branchExists, the check a new run's base branch passes before the run is created: exact
// branch names only (not a prefix, not a tag), on both providers.

const setup = gitProviderSetup();

describe("branchExists", () => {
  it("answers for a local repository", async () => {
    const repo = await makeRepository(setup.root);
    await runGit(repo, ["branch", "feature/cart"]);
    await runGit(repo, ["tag", "v1"]);
    const { project } = await createLocalProject(setup.handle.db, repo);
    const provider = setup.localProvider();
    expect(await provider.branchExists({ project, branch: "main" })).toBe(true);
    expect(await provider.branchExists({ project, branch: "feature/cart" })).toBe(true);
    expect(await provider.branchExists({ project, branch: "feature" })).toBe(false);
    expect(await provider.branchExists({ project, branch: "v1" })).toBe(false);
    expect(await provider.branchExists({ project, branch: "nope" })).toBe(false);
  });

  it("answers for a GitHub repository through the API, every exchange matching GitHub's description", async () => {
    const { project, githubInstallationId } = await createEmulatedProject(setup.handle.db, setup.gh, {
      owner: "acme",
      name: "branches",
    });
    const octokit = await emulatedGitHubApp(setup.gh).installationOctokit(githubInstallationId);
    const main = (await setup.gh.branchHead("acme/branches", "main"))!;
    await octokit.rest.git.createRef({ owner: "acme", repo: "branches", ref: "refs/heads/feature/cart", sha: main });
    const provider = await setup.githubProvider();
    expect(await provider.branchExists({ project, branch: "main" })).toBe(true);
    expect(await provider.branchExists({ project, branch: "feature/cart" })).toBe(true);
    expect(await provider.branchExists({ project, branch: "feature" })).toBe(false);
    expect(await provider.branchExists({ project, branch: "nope" })).toBe(false);
    expect(setup.gh.violations).toEqual([]);
  });
});
