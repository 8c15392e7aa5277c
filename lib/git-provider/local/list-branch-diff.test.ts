import fs from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runGit } from "@/lib/workspaces/run-git";
import { listBranchDiff } from "./list-branch-diff";
import { commitOnCheckout, localProjectValue, makeRepository, makeTempDir } from "@/testing/local-project";

let root: string;
let repo: string;
beforeAll(async () => {
  root = await makeTempDir();
  repo = await makeRepository(root, { "README.md": "# demo\n", "src/cart.js": "export const items = [];\n" });
  await runGit(repo, ["checkout", "--quiet", "-b", "feature"]);
  await commitOnCheckout(
    repo,
    { "src/cart.js": "export const items = [1];\n", "big.txt": "line\n".repeat(5000) },
    "feature",
  );
  await runGit(repo, ["checkout", "--quiet", "main"]);
  // A later commit on main is not part of the branch's diff (three dots: since they diverged).
  await commitOnCheckout(repo, { "README.md": "# changed on main\n" }, "main moves");
});
afterAll(() => fs.rm(root, { recursive: true, force: true }));

describe("listBranchDiff", () => {
  it("returns what the branch changes since it left the base", async () => {
    const { diff, truncated } = await listBranchDiff({
      project: localProjectValue(repo),
      branch: "feature",
      baseBranch: "main",
    });
    expect(truncated).toBe(false);
    expect(diff).toContain("diff --git a/src/cart.js b/src/cart.js\n");
    expect(diff).toContain("-export const items = [];\n+export const items = [1];\n");
    expect(diff).not.toContain("README.md");
    expect(diff.endsWith("\n")).toBe(true);
  });

  it("cuts a large diff at a whole line within the cap", async () => {
    const { diff, truncated } = await listBranchDiff({
      project: localProjectValue(repo),
      branch: "feature",
      baseBranch: "main",
      maxBytes: 4096,
    });
    expect(truncated).toBe(true);
    expect(Buffer.byteLength(diff)).toBeLessThanOrEqual(4096);
    expect(diff.endsWith("\n")).toBe(true);
  });

  it("says which branch is missing", async () => {
    await expect(
      listBranchDiff({ project: localProjectValue(repo), branch: "gone", baseBranch: "main" }),
    ).rejects.toThrow(/no branch gone/);
  });
});
