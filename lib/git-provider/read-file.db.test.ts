import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runGit } from "@/lib/workspaces/run-git";
import { gitProviderSetup } from "@/testing/git-provider/git-provider-setup";
import { createEmulatedProject } from "@/testing/github-project";
import { commitOnCheckout, createLocalProject, makeRepository } from "@/testing/local-project";

// readFile: what a file holds on a branch (the scripted demo reads it to tell a task already
// merged), on both providers; a missing file, a directory or a missing branch is null.

const files = { "README.md": "# cart\n", "src/cart.js": "export function addItem() {}\n" };
const setup = gitProviderSetup();

describe("readFile", () => {
  it("reads a local repository's branch, not its working tree", async () => {
    const repo = await makeRepository(setup.root, files);
    await runGit(repo, ["checkout", "--quiet", "-b", "feature"]);
    await commitOnCheckout(repo, { "src/cart.js": "export function removeItem() {}\n" }, "Add removeItem");
    await fs.writeFile(path.join(repo, "README.md"), "edited, not committed\n");
    const { project } = await createLocalProject(setup.handle.db, repo);
    const provider = setup.localProvider();

    expect(await provider.readFile({ project, branch: "main", path: "src/cart.js" })).toBe(files["src/cart.js"]);
    expect(await provider.readFile({ project, branch: "feature", path: "src/cart.js" })).toMatch(/removeItem/);
    expect(await provider.readFile({ project, branch: "feature", path: "README.md" })).toBe("# cart\n");
    expect(await provider.readFile({ project, branch: "main", path: "src/missing.js" })).toBeNull();
    expect(await provider.readFile({ project, branch: "main", path: "src" })).toBeNull();
    expect(await provider.readFile({ project, branch: "nope", path: "README.md" })).toBeNull();
    await expect(provider.readFile({ project, branch: "main", path: "../outside" })).rejects.toThrow(/inside/);
  });

  it("reads a GitHub repository through the contents API, every exchange matching GitHub's description", async () => {
    const { project } = await createEmulatedProject(setup.handle.db, setup.gh, {
      owner: "acme",
      name: "read-file",
      files,
    });
    const provider = await setup.githubProvider();
    expect(await provider.readFile({ project, branch: "main", path: "src/cart.js" })).toBe(files["src/cart.js"]);
    expect(await provider.readFile({ project, branch: "main", path: "src/missing.js" })).toBeNull();
    expect(await provider.readFile({ project, branch: "main", path: "src" })).toBeNull();
    expect(setup.gh.violations).toEqual([]);
  });
});
