import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { runGit } from "@/lib/workspaces/run-git";

// Files whose content decides what setup installs. Lockfiles whole; manifests too, since a
// dependency added to package.json without a lockfile update still changes `npm install`.
const LOCKFILES = new Set([
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "bun.lockb",
  "bun.lock",
  "poetry.lock",
  "Pipfile.lock",
  "uv.lock",
  "pdm.lock",
  "Gemfile.lock",
  "go.sum",
  "Cargo.lock",
  "composer.lock",
  "mix.lock",
  "pubspec.lock",
  "packages.lock.json",
  "gradle.lockfile",
]);
const MANIFESTS = new Set([
  "pnpm-workspace.yaml",
  ".npmrc",
  ".yarnrc",
  ".yarnrc.yml",
  ".nvmrc",
  ".node-version",
  ".tool-versions",
  "pyproject.toml",
  "Pipfile",
  "Gemfile",
  "go.mod",
  "Cargo.toml",
  "composer.json",
]);
// Only these parts of package.json change what an install produces: editing its other
// scripts or its description must not throw the cache away.
const PACKAGE_JSON_FIELDS = [
  "name",
  "dependencies",
  "devDependencies",
  "optionalDependencies",
  "peerDependencies",
  "bundleDependencies",
  "bundledDependencies",
  "overrides",
  "resolutions",
  "pnpm",
  "workspaces",
  "engines",
  "packageManager",
  "os",
  "cpu",
];
const INSTALL_SCRIPTS = ["preinstall", "install", "postinstall", "prepare", "preprepare", "postprepare"];

export type DependencyFile = { path: string; sha256: string };

function isDependencyFile(file: string): boolean {
  const name = path.posix.basename(file);
  return (
    LOCKFILES.has(name) || MANIFESTS.has(name) || name === "package.json" || /^requirements.*\.(txt|in)$/.test(name)
  );
}

function packageJsonDigestInput(text: string): string {
  try {
    const manifest = JSON.parse(text) as Record<string, unknown>;
    const scripts = (manifest.scripts ?? {}) as Record<string, unknown>;
    const picked = Object.fromEntries(PACKAGE_JSON_FIELDS.map((field) => [field, manifest[field] ?? null]));
    return JSON.stringify({ ...picked, scripts: INSTALL_SCRIPTS.map((name) => scripts[name] ?? null) });
  } catch {
    // Not valid JSON: the install would fail on it anyway; key on the raw text.
    return text;
  }
}

/**
 * The lockfiles and dependency manifests the workspace's commit tracks, anywhere in the
 * tree (monorepos), sorted, each with a digest of the content that matters.
 */
export async function dependencyFiles(workspace: string): Promise<DependencyFile[]> {
  const listed = await runGit(workspace, ["ls-files", "-z", "--cached"], { trim: false });
  const files = listed
    .split("\0")
    .filter((file) => file !== "" && isDependencyFile(file))
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const content = await fs.readFile(path.join(workspace, file)).catch(() => null);
      const input =
        content === null
          ? "(missing)"
          : path.posix.basename(file) === "package.json"
            ? packageJsonDigestInput(content.toString("utf8"))
            : content;
      return { path: file, sha256: createHash("sha256").update(input).digest("hex") };
    }),
  );
}
