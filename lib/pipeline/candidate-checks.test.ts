import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandResult, ProjectSettings } from "@/db/schema";
import { candidateChecks } from "@/lib/pipeline/candidate-checks";
import { plantedSecrets } from "@/testing/reviews/review-fixture";

// A candidate's standing beyond its tests, on a real worktree of a bare repository (as the
// providers make them): acceptance checks that name a test, and the static review of its diff.

let root: string;
let worktree: string;
let base: string;
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd, encoding: "utf8" }).trim();
const commit = (file: string, content: string) => {
  writeFileSync(path.join(worktree, file), content);
  git(worktree, "add", file);
  git(worktree, "commit", "-qm", file);
  return git(worktree, "rev-parse", "HEAD");
};

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "candidate-checks-"));
  const seed = path.join(root, "seed");
  execFileSync("git", ["init", "-q", "-b", "main", seed]);
  writeFileSync(path.join(seed, "cart.js"), "export const total = (cart) => cart.length;\n");
  git(seed, "add", ".");
  git(seed, "commit", "-qm", "seed");
  execFileSync("git", ["clone", "-q", "--bare", seed, path.join(root, "mirror.git")]);
  worktree = path.join(root, "work");
  git(path.join(root, "mirror.git"), "worktree", "add", "-q", "-b", "candidate", worktree, "main");
  base = git(worktree, "rev-parse", "HEAD");
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const settings = { reviewPolicy: { blockOnSecrets: true, blockOnSeverity: "none", blockOnVulnerabilities: false } };
const project = { settings: settings as unknown as ProjectSettings };
const npmTest = (exitCode: number): CommandResult => ({ command: "npm test", exitCode, durationMs: 5, output: "" });
const plan = {
  acceptanceChecks: [
    { description: "The cart tests pass", test: "npm test" },
    { description: "It looks right", page: "/cart" },
  ],
};

describe("candidateChecks", () => {
  it("counts a planted secret as a reason the review blocks, and a failed named test as failed acceptance", async () => {
    const head = commit("token.js", `export const token = "${plantedSecrets().github}";\n`);
    const checks = await candidateChecks({ workspacePath: worktree, base, head, project, plan, tests: [npmTest(1)] });
    expect(checks.acceptancePassed).toBe(false);
    expect(checks.reviewFindings).toBe(1);
    expect(checks.note).toMatch(/acceptance checks failed: The cart tests pass/);
    expect(checks.note).toMatch(/static review blocks: 1 secret in the diff \(token\.js:1\)/);
  });

  it("passes a clean diff whose named tests passed; checks without a test do not count", async () => {
    const head = commit("count.js", "export const count = (cart) => cart.length;\n");
    const checks = await candidateChecks({
      workspacePath: worktree,
      base: git(worktree, "rev-parse", "HEAD~1"),
      head,
      project,
      plan,
      tests: [npmTest(0)],
    });
    expect(checks).toMatchObject({ acceptancePassed: true, reviewFindings: 0 });
    const unnamed = await candidateChecks({
      workspacePath: worktree,
      base,
      head: base,
      project,
      plan: { acceptanceChecks: [plan.acceptanceChecks[1]!] },
      tests: [],
    });
    expect(unnamed.acceptancePassed).toBeNull();
  });

  it("ranks on tests alone when the diff cannot be analyzed", async () => {
    const checks = await candidateChecks({
      workspacePath: worktree,
      base,
      head: "0".repeat(40),
      project,
      plan,
      tests: [npmTest(0)],
    });
    expect(checks.reviewFindings).toBeNull();
    expect(checks.note).toMatch(/static review not run/);
  });
});
