import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prepareLocalWorkspace, removeLocalWorkspace } from "@/lib/workspaces/workspace";
import { openRepository } from "@/lib/workspaces/repository";
import { getSandbox } from "@/lib/sandbox";
import { SetupCache } from "@/lib/validation/setup-cache/setup-cache";
import { runValidation } from "@/lib/validation/run-validation";
import { figure, percentile } from "./lib/figures";
import { measurePreviewReady } from "./lib/preview-ready";

// (a) How fast a run's workspace is ready: the product's workspace code (a worktree of the
// cached mirror) against a fresh `git clone`, on a repository of 5,000 files.
// (b) Validation of an npm project whose setup really installs (npm ci, offline, from
// vendored tarballs: 40 packages, about 4,000 files), cold (no setup cache) and warm
// (cache hit, restored from the entry's spare copy), through runValidation on this
// machine's sandbox driver.
// (c) How long a preview takes to answer (bench/lib/preview-ready.ts, from the previews work).

const FILES = 5000;
const WORKSPACE_ITERATIONS = 7;
const PACKAGES = 40;
const FILES_PER_PACKAGE = 100;
const VALIDATION_ITERATIONS = 2;

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_AUTHOR_NAME: "bench",
      GIT_AUTHOR_EMAIL: "b@b",
      GIT_COMMITTER_NAME: "bench",
      GIT_COMMITTER_EMAIL: "b@b",
    },
  });
const median = (samples: number[]) => percentile(samples, 50);

function writeTree(root: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
}

function commitAll(repo: string): void {
  git(repo, "add", "--all");
  git(repo, "commit", "--quiet", "-m", "fixture");
}

function makeManyFilesRepository(root: string): string {
  const repo = path.join(root, "many-files");
  fs.mkdirSync(repo);
  git(repo, "init", "--quiet", "--initial-branch=main");
  const files: Record<string, string> = {};
  for (let i = 0; i < FILES; i++)
    files[`src/m${Math.floor(i / 100)}/f${i}.ts`] = `export const value${i} = ${i};\n// ${"x".repeat(i % 400)}\n`;
  writeTree(repo, files);
  commitAll(repo);
  return repo;
}

async function benchWorkspace(root: string): Promise<void> {
  const repoPath = makeManyFilesRepository(root);
  const repository = await openRepository(repoPath);
  const dataDir = path.join(root, "data");
  const prepare = (runId: string) =>
    prepareLocalWorkspace({ dataDir, repository, runId, branch: `mergeline/run-${runId}`, baseBranch: "main" });
  // The mirror is made once per repository and reused by every run: not what is measured.
  await prepare("warm-up");
  const workspaceMs: number[] = [];
  const cloneMs: number[] = [];
  // Each measurement starts with the disk's write-back flushed, so that neither pays for the
  // files the one before wrote; deleting happens after the loop for the same reason.
  for (let i = 0; i < WORKSPACE_ITERATIONS; i++) {
    execFileSync("sync");
    let started = performance.now();
    const workspace = await prepare(`run-${i}`);
    workspaceMs.push(performance.now() - started);
    if (fs.readdirSync(path.join(workspace.path, "src")).length !== FILES / 100)
      throw new Error("workspace is incomplete");

    execFileSync("sync");
    started = performance.now();
    git(root, "clone", "--quiet", repoPath, path.join(root, `clone-${i}`));
    cloneMs.push(performance.now() - started);
  }
  for (let i = 0; i < WORKSPACE_ITERATIONS; i++) {
    await removeLocalWorkspace({ dataDir, repositoryPath: repoPath, runId: `run-${i}` });
    fs.rmSync(path.join(root, `clone-${i}`), { recursive: true, force: true });
  }
  figure("workspace_files", FILES, "files");
  figure("workspace_p50_ms", median(workspaceMs), "ms");
  figure("workspace_p95_ms", percentile(workspaceMs, 95), "ms");
  figure("git_clone_p50_ms", median(cloneMs), "ms");
}

function makeNpmProject(root: string): string {
  const repo = path.join(root, "npm-project");
  fs.mkdirSync(repo);
  git(repo, "init", "--quiet", "--initial-branch=main");
  const dependencies: Record<string, string> = {};
  for (let p = 0; p < PACKAGES; p++) {
    const name = `bench-dep-${p}`;
    const source = path.join(root, "packages", name, "package");
    const files: Record<string, string> = {
      "package.json": JSON.stringify({ name, version: "1.0.0", main: "index.js" }),
      "index.js": `module.exports = { name: ${JSON.stringify(name)}, parts: ${FILES_PER_PACKAGE} };\n`,
    };
    for (let f = 0; f < FILES_PER_PACKAGE; f++)
      files[`lib/part-${f}.js`] = `exports.part = ${f};\n// ${"y".repeat(2000)}\n`;
    writeTree(source, files);
    fs.mkdirSync(path.join(repo, "vendor"), { recursive: true });
    execFileSync("tar", ["czf", path.join(repo, "vendor", `${name}-1.0.0.tgz`), "-C", path.dirname(source), "package"]);
    dependencies[name] = `file:vendor/${name}-1.0.0.tgz`;
  }
  const check = `for (let p = 0; p < ${PACKAGES}; p++) if (require('bench-dep-' + p).parts !== ${FILES_PER_PACKAGE}) process.exit(1);`;
  writeTree(repo, {
    ".gitignore": "node_modules/\n",
    "package.json": JSON.stringify(
      { name: "bench-project", version: "1.0.0", dependencies, scripts: { test: `node -e "${check}"` } },
      null,
      2,
    ),
  });
  execFileSync("npm", ["install", "--package-lock-only", "--offline", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: repo,
    stdio: "ignore",
  });
  commitAll(repo);
  return repo;
}

async function benchValidation(root: string): Promise<void> {
  const repoPath = makeNpmProject(root);
  const repository = await openRepository(repoPath);
  const dataDir = path.join(root, "data-npm");
  const sandbox = getSandbox();
  const settings = {
    setupCommands: ["npm ci --offline --no-audit --no-fund --loglevel=error"],
    testCommands: ["npm test --silent"],
    allowNetworkInTests: false,
  };
  let runs = 0;
  const validate = async (cache: SetupCache) => {
    const runId = `validation-${runs++}`;
    const workspace = await prepareLocalWorkspace({
      dataDir,
      repository,
      runId,
      branch: `mergeline/run-${runId}`,
      baseBranch: "main",
    });
    const started = performance.now();
    const outcome = await runValidation({ sandbox, workspacePath: workspace.path, settings, setupCache: cache });
    const seconds = (performance.now() - started) / 1000;
    await removeLocalWorkspace({ dataDir, repositoryPath: repoPath, runId });
    if (outcome.status !== "passed") throw new Error(`validation failed: ${outcome.summary}`);
    const testSeconds = outcome.tests.reduce((total, result) => total + result.durationMs, 0) / 1000;
    return { seconds, testSeconds, hit: outcome.setupCacheHit !== null };
  };
  const cold: number[] = [];
  const warm: number[] = [];
  const warmTests: number[] = [];
  for (let i = 0; i < VALIDATION_ITERATIONS; i++) {
    const cache = new SetupCache({ dir: path.join(root, `setup-cache-${i}`), maxBytes: 1024 ** 3 });
    const first = await validate(cache);
    if (first.hit) throw new Error("a new cache hit");
    cold.push(first.seconds);
    // Validations of a project are minutes apart: the spare copy the cache makes in the
    // background after a save (see setup-cache.ts) is ready by the next one.
    await cache.idle();
    const second = await validate(cache);
    if (!second.hit) throw new Error("the second validation missed the cache");
    warm.push(second.seconds);
    warmTests.push(second.testSeconds);
  }
  figure("sandbox_driver_bwrap", sandbox.name === "bwrap" ? 1 : 0, "bool");
  figure("validation_cold_s", median(cold), "s");
  figure("validation_warm_s", median(warm), "s");
  figure("warm_speedup", median(cold) / median(warm), "x");
  // Of the warm run, the part spent in the test commands themselves (the rest is restoring).
  figure("validation_warm_tests_s", median(warmTests), "s");
}

export async function run(): Promise<void> {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-bench-sandbox-")));
  try {
    // Every figure here is disk- and CPU-bound: the load says how busy the machine was.
    figure("host_load_1m", os.loadavg()[0], "load");
    await benchWorkspace(root);
    await benchValidation(root);
    figure("preview_ready_s", await measurePreviewReady(), "s");
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
