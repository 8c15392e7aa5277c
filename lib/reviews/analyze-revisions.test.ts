import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs/promises";
import { analyzeRevisions } from "@/lib/reviews/analyze-revisions";
import { runGit } from "@/lib/workspaces/run-git";
import { commitOnCheckout, makeRepository, makeTempDir } from "@/testing/local-project";
import {
  ADVISORY_FIXTURE_DIR,
  baseFiles,
  FINDING_LINES,
  findingFiles,
  plantedSecrets,
} from "@/testing/reviews/review-fixture";

// The static half of a review on a real repository: a PR with planted secrets, a downgraded
// dependency and a function made too complex.
let root: string;
let repo: string;
let base: string;
let head: string;
const secrets = plantedSecrets();

beforeAll(async () => {
  root = await makeTempDir("mergeline-review-");
  repo = await makeRepository(root, baseFiles());
  base = await runGit(repo, ["rev-parse", "HEAD"]);
  await runGit(repo, ["checkout", "--quiet", "-b", "feature"]);
  head = await commitOnCheckout(
    repo,
    { ...findingFiles(secrets), "dist/bundle.min.js": "var a=1;\n", "vendor/lib/x.js": "module.exports = 1;\n" },
    "Changes",
  );
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const options = { complexityThreshold: 10, secretPatterns: [], advisoryDb: ADVISORY_FIXTURE_DIR };

describe("analyzeRevisions", () => {
  it("finds the secrets (redacted), the vulnerable downgrade and the complexity rise on the right lines", async () => {
    const analysis = await analyzeRevisions({ gitDir: `${repo}/.git`, base, head, options });
    const secretsFound = analysis.findings.filter((finding) => finding.kind === "secret");
    const at = (path: string, line: number) => secretsFound.find((f) => f.path === path && f.line === line);
    expect(at(FINDING_LINES.github.path, FINDING_LINES.github.line)?.source).toContain("github");
    expect(at(FINDING_LINES.slack.path, FINDING_LINES.slack.line)?.source).toContain("slack");
    expect(at(FINDING_LINES.aws.path, FINDING_LINES.aws.line)?.source).toContain("aws");
    expect(at(FINDING_LINES.privateKey.path, FINDING_LINES.privateKey.line)?.source).toContain("privatekey");
    // Never the value itself, anywhere in what is stored or shown.
    const { files: _diff, ...stored } = analysis;
    const shown = JSON.stringify(stored);
    for (const value of [secrets.github, secrets.slack, secrets.awsSecret, secrets.privateKey.split("\n")[1]!])
      expect(shown).not.toContain(value);

    expect(analysis.dependencies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: "lodash",
          path: "package.json",
          change: "downgraded",
          from: "4.17.21",
          to: "4.17.15",
        }),
        expect.objectContaining({ name: "lodash", path: "package-lock.json", change: "downgraded" }),
      ]),
    );
    expect(analysis.advisories.checked).toBe(true);
    const vulnerable = analysis.findings.filter((finding) => finding.kind === "vulnerability");
    expect(vulnerable.map((finding) => finding.source).sort()).toContain("GHSA-p6mc-m468-83gw");
    expect(vulnerable.every((finding) => finding.path.startsWith("package"))).toBe(true);

    const complex = analysis.complexity.find((change) => change.name === "price");
    expect(complex).toMatchObject({ before: 2, after: 14, flagged: true });
    expect(analysis.findings.find((finding) => finding.kind === "complexity")).toMatchObject({
      path: FINDING_LINES.complexity.path,
      line: FINDING_LINES.complexity.line,
    });

    const { metadata } = analysis;
    expect(metadata.files.find((file) => file.path === "dist/bundle.min.js")?.generated).toBe(true);
    expect(metadata.files.find((file) => file.path === "package-lock.json")?.generated).toBe(true);
    expect(metadata.files.find((file) => file.path === "vendor/lib/x.js")?.vendored).toBe(true);
    expect(metadata.languages.TypeScript).toBeGreaterThan(10);
    expect(metadata.added).toBeGreaterThan(20);
  });

  it("says vulnerabilities were not checked without an advisory database", async () => {
    const analysis = await analyzeRevisions({
      gitDir: `${repo}/.git`,
      base,
      head,
      options: { ...options, advisoryDb: undefined },
    });
    expect(analysis.advisories).toMatchObject({ checked: false });
    expect(analysis.findings.some((finding) => finding.kind === "vulnerability")).toBe(false);
  });

  it("applies the project's own secret patterns", async () => {
    const analysis = await analyzeRevisions({
      gitDir: `${repo}/.git`,
      base,
      head,
      options: { ...options, secretPatterns: [{ name: "Region name", pattern: "eu-west-\\d" }] },
    });
    expect(analysis.findings.find((finding) => finding.source === "project:Region name")).toMatchObject({
      path: "src/config.ts",
      line: 4,
    });
  });
});

describe("analyzeRevisions on real code", () => {
  it("reads semver 7.5.4 -> 7.6.3 from the npm registry: metadata, complexity changes, no false secrets", async () => {
    const { extractPackage } = await import("@/testing/code-index/package-repository");
    const [before, after] = await Promise.all([
      extractPackage({ name: "semver", version: "7.5.4" }),
      extractPackage({ name: "semver", version: "7.6.3" }),
    ]);
    const real = await makeTempDir("mergeline-review-real-");
    try {
      const { cp, rm } = await import("node:fs/promises");
      await cp(before, real, { recursive: true });
      await runGit(real, ["init", "--quiet", "--initial-branch=main"]);
      await runGit(real, ["add", "--all"]);
      await runGit(real, ["commit", "--quiet", "-m", "semver 7.5.4"]);
      const base = await runGit(real, ["rev-parse", "HEAD"]);
      for (const entry of await fs.readdir(real))
        if (entry !== ".git") await rm(`${real}/${entry}`, { recursive: true });
      await cp(after, real, { recursive: true });
      await runGit(real, ["add", "--all"]);
      await runGit(real, ["commit", "--quiet", "-m", "semver 7.6.3"]);
      const head = await runGit(real, ["rev-parse", "HEAD"]);
      const analysis = await analyzeRevisions({ gitDir: `${real}/.git`, base, head, options });
      expect(analysis.metadata.filesChanged).toBeGreaterThan(5);
      expect(analysis.metadata.languages.JavaScript).toBeGreaterThan(50);
      expect(analysis.complexity.length).toBeGreaterThan(0);
      expect(analysis.complexity.every((change) => change.path.endsWith(".js"))).toBe(true);
      expect(analysis.dependencies.some((change) => change.path === "package.json")).toBe(true);
      expect(analysis.findings.filter((finding) => finding.kind === "secret")).toEqual([]);
    } finally {
      await fs.rm(real, { recursive: true, force: true });
    }
  }, 60_000);
});
