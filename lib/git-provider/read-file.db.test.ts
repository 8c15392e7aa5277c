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
import { commitOnCheckout, createLocalProject, makeRepository, makeTempDir } from "@/testing/local-project";

// readFile: what a file holds on a branch (the scripted demo reads it to tell a task already
// merged), on both providers; a missing file, a directory or a missing branch is null.

const files = { "README.md": "# cart\n", "src/cart.js": "export function addItem() {}\n" };
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

describe("readFile", () => {
  it("reads a local repository's branch, not its working tree", async () => {
    const repo = await makeRepository(root, files);
    await runGit(repo, ["checkout", "--quiet", "-b", "feature"]);
    await commitOnCheckout(repo, { "src/cart.js": "export function removeItem() {}\n" }, "Add removeItem");
    await fs.writeFile(path.join(repo, "README.md"), "edited, not committed\n");
    const { project } = await createLocalProject(handle.db, repo);
    const provider = createLocalGitProvider({ db: handle.db, dataDir: path.join(root, "data") });

    expect(await provider.readFile({ project, branch: "main", path: "src/cart.js" })).toBe(files["src/cart.js"]);
    expect(await provider.readFile({ project, branch: "feature", path: "src/cart.js" })).toMatch(/removeItem/);
    expect(await provider.readFile({ project, branch: "feature", path: "README.md" })).toBe("# cart\n");
    expect(await provider.readFile({ project, branch: "main", path: "src/missing.js" })).toBeNull();
    expect(await provider.readFile({ project, branch: "main", path: "src" })).toBeNull();
    expect(await provider.readFile({ project, branch: "nope", path: "README.md" })).toBeNull();
    await expect(provider.readFile({ project, branch: "main", path: "../outside" })).rejects.toThrow(/inside/);
  });

  it("reads a GitHub repository through the contents API, every exchange matching GitHub's description", async () => {
    const { project } = await createEmulatedProject(handle.db, gh, { owner: "acme", name: "read-file", files });
    const provider = createGitHubGitProvider({
      db: handle.db,
      gh: emulatedGitHubApp(gh),
      dataDir: await fs.mkdtemp(path.join(os.tmpdir(), "mergeline-read-file-")),
    });
    expect(await provider.readFile({ project, branch: "main", path: "src/cart.js" })).toBe(files["src/cart.js"]);
    expect(await provider.readFile({ project, branch: "main", path: "src/missing.js" })).toBeNull();
    expect(await provider.readFile({ project, branch: "main", path: "src" })).toBeNull();
    expect(gh.violations).toEqual([]);
  });
});
