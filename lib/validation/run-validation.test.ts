import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import { createServer, type Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { driverVariants } from "@/testing/sandbox-test-kit";
import { SetupCache } from "@/lib/validation/setup-cache/setup-cache";
import { runValidation } from "@/lib/validation/run-validation";

// Real git repositories, real npm (offline, from a vendored tarball), the real sandbox
// (bubblewrap when it works here). Setup commands report to a counter server: a side effect
// outside the workspace that only running them can produce. The sandbox's network never
// reaches the host's loopback, so the counter listens on one of the host's other addresses,
// as a server elsewhere on the network would.

const variant = driverVariants().find((candidate) => candidate.driver.name === "bwrap") ?? driverVariants()[0];
const sandbox = variant.driver;

let root: string;
let server: Server;
let counterUrl: string;
const hits = new Map<string, number>();
const caches: SetupCache[] = [];
const makeCache = (name: string, maxBytes: number) => {
  const cache = new SetupCache({ dir: path.join(root, name), maxBytes });
  caches.push(cache);
  return cache;
};

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@t",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@t",
    },
  });

async function writeFiles(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), content);
  }
}

async function makeRepository(files: Record<string, string | Buffer>): Promise<string> {
  const repo = await fs.mkdtemp(path.join(root, "repo-"));
  git(repo, "init", "--quiet", "--initial-branch=main");
  await writeFiles(repo, { ".gitignore": "node_modules/\n", ...files });
  git(repo, "add", "--all");
  git(repo, "commit", "--quiet", "-m", "fixture");
  return repo;
}

async function commit(repo: string, files: Record<string, string | Buffer>): Promise<void> {
  await writeFiles(repo, files);
  git(repo, "add", "--all");
  git(repo, "commit", "--quiet", "-m", "change");
}

/** A fresh workspace of the repository, as each validation gets. */
async function workspaceOf(repo: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(root, "ws-"));
  git(root, "clone", "--quiet", repo, dir);
  return dir;
}

/** A setup command that counts itself on the host, then writes `file` in the workspace. */
const countedSetup = (name: string, file = "node_modules/made-by-setup.js") =>
  `node -e "fetch('${counterUrl}/${name}').then(() => { require('fs').mkdirSync(require('path').dirname('${file}'), { recursive: true }); require('fs').writeFileSync('${file}', 'module.exports = 42') })"`;

const settings = (setupCommands: string[], testCommands: string[], allowNetworkInTests = false) => ({
  setupCommands,
  testCommands,
  allowNetworkInTests,
});

beforeAll(async () => {
  root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), "mergeline-validation-")));
  server = createServer((request, response) => {
    const name = (request.url ?? "/").slice(1);
    hits.set(name, (hits.get(name) ?? 0) + 1);
    response.end("counted");
  });
  const host =
    Object.values(os.networkInterfaces())
      .flat()
      .find((nic) => nic && nic.family === "IPv4" && !nic.internal)?.address ?? "127.0.0.1";
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  counterUrl = `http://${host}:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(async () => {
  // Spare copies are made in the background; let them finish before deleting the caches.
  await Promise.all(caches.map((cache) => cache.idle()));
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await fs.rm(root, { recursive: true, force: true });
});

describe(`runValidation with the setup cache (${variant.label})`, () => {
  it("restores a real npm install on the second run instead of running setup", async () => {
    // A dependency vendored as an npm tarball, installed offline from the lockfile.
    const pkg = path.join(root, "dep-src", "package");
    await writeFiles(pkg, {
      "package.json": JSON.stringify({ name: "dep", version: "1.0.0", main: "index.js" }),
      "index.js": "exports.answer = () => 42;\n",
    });
    execFileSync("tar", ["czf", path.join(root, "dep-1.0.0.tgz"), "-C", path.dirname(pkg), "package"]);
    const repo = await makeRepository({
      "package.json": JSON.stringify(
        { name: "fixture", version: "1.0.0", dependencies: { dep: "file:vendor/dep-1.0.0.tgz" } },
        null,
        2,
      ),
      "vendor/dep-1.0.0.tgz": await fs.readFile(path.join(root, "dep-1.0.0.tgz")),
    });
    execFileSync(
      "npm",
      ["install", "--package-lock-only", "--offline", "--no-audit", "--no-fund", "--loglevel=error"],
      { cwd: repo },
    );
    await commit(repo, {});
    const cache = makeCache("cache-npm", 512 * 1024 * 1024);
    const validate = async () =>
      runValidation({
        sandbox,
        workspacePath: await workspaceOf(repo),
        setupCache: cache,
        settings: settings(
          [countedSetup("npm-setup", "setup-ran.txt"), "npm ci --offline --no-audit --no-fund --loglevel=error"],
          ["node -e \"process.exit(require('dep').answer() === 42 ? 0 : 1)\""],
        ),
      });

    const cold = await validate();
    expect(cold).toMatchObject({ status: "passed", setupCacheHit: null });
    expect(cold.setup.map((result) => result.exitCode)).toEqual([0, 0]);
    expect(hits.get("npm-setup")).toBe(1);

    const warm = await validate();
    expect(warm.status).toBe("passed");
    expect(warm.setupCacheHit).toMatch(/^[0-9a-f]{40}$/);
    expect(warm.setup).toEqual([]);
    expect(warm.summary).toContain("Setup restored from the setup cache");
    expect(hits.get("npm-setup")).toBe(1);
    expect(warm.tests.map((result) => result.exitCode)).toEqual([0]);

    const failing = await runValidation({
      sandbox,
      workspacePath: await workspaceOf(repo),
      setupCache: cache,
      settings: {
        ...settings(
          [countedSetup("npm-setup", "setup-ran.txt"), "npm ci --offline --no-audit --no-fund --loglevel=error"],
          ["exit 1"],
        ),
      },
    });
    expect(failing).toMatchObject({ status: "failed", setupCacheHit: warm.setupCacheHit });
    expect(failing.summary).toContain("Setup was not run: its result was restored from the setup cache");
  });

  it("misses when a lockfile, a dependency or a setup command changes, or in another repository; not for other edits", async () => {
    const repo = await makeRepository({
      "package.json": JSON.stringify({ name: "p", scripts: { test: "node a" }, dependencies: { x: "1.0.0" } }),
      "package-lock.json": JSON.stringify({ lockfileVersion: 3, packages: { "node_modules/x": { version: "1.0.0" } } }),
      "src/app.js": "1",
    });
    const cache = makeCache("cache-keys", 64 * 1024 * 1024);
    const check = "node -e \"process.exit(require('./node_modules/made-by-setup.js') === 42 ? 0 : 1)\"";
    const validate = async (setup = countedSetup("keys")) =>
      runValidation({
        sandbox,
        workspacePath: await workspaceOf(repo),
        setupCache: cache,
        settings: settings([setup], [check]),
      });

    const first = await validate();
    expect(first).toMatchObject({ status: "passed", setupCacheHit: null });
    expect(hits.get("keys")).toBe(1);
    // Source and package.json scripts edits keep the key.
    await commit(repo, {
      "src/app.js": "2",
      "package.json": JSON.stringify({ name: "p", scripts: { test: "node b" }, dependencies: { x: "1.0.0" } }),
    });
    const same = await validate();
    expect(same.setupCacheHit).toMatch(/^[0-9a-f]{40}$/);
    expect(hits.get("keys")).toBe(1);

    await commit(repo, {
      "package-lock.json": JSON.stringify({ lockfileVersion: 3, packages: { "node_modules/x": { version: "1.0.1" } } }),
    });
    const lockChanged = await validate();
    expect(lockChanged).toMatchObject({ status: "passed", setupCacheHit: null });
    expect(hits.get("keys")).toBe(2);
    expect((await validate()).setupCacheHit).not.toBeNull();
    expect(hits.get("keys")).toBe(2);

    const commandChanged = await validate(`${countedSetup("keys")} && true`);
    expect(commandChanged).toMatchObject({ status: "passed", setupCacheHit: null });
    expect(hits.get("keys")).toBe(3);

    // Another repository with the same files and commands never gets this one's setup.
    const twin = await makeRepository({ "package.json": JSON.stringify({ name: "p" }), "package-lock.json": "{}" });
    const twinValidate = async () =>
      runValidation({
        sandbox,
        workspacePath: await workspaceOf(twin),
        setupCache: cache,
        settings: settings([countedSetup("keys")], [check]),
      });
    expect((await twinValidate()).setupCacheHit).toBeNull();
    expect(hits.get("keys")).toBe(4);
    await commit(repo, { "package.json": JSON.stringify({ name: "p" }), "package-lock.json": "{}" });
    expect((await validate()).setupCacheHit).toBeNull();
    expect(hits.get("keys")).toBe(5);

    // A dependency added to package.json alone changes the key too.
    await commit(repo, { "package.json": JSON.stringify({ name: "p", dependencies: { y: "2.0.0" } }) });
    expect((await validate()).setupCacheHit).toBeNull();
    expect(hits.get("keys")).toBe(6);
  });

  it("caches neither a failed setup nor what the tests wrote", async () => {
    const repo = await makeRepository({ "package-lock.json": "{}" });
    const cache = makeCache("cache-fail", 64 * 1024 * 1024);
    const failing = `${countedSetup("failing")} && exit 3`;
    for (const expected of [1, 2]) {
      const outcome = await runValidation({
        sandbox,
        workspacePath: await workspaceOf(repo),
        setupCache: cache,
        settings: settings([failing], ["true"]),
      });
      expect(outcome).toMatchObject({ status: "failed", setupCacheHit: null });
      expect(hits.get("failing")).toBe(expected);
    }
    expect(await cache.list()).toEqual([]);

    const testsWrite = settings(
      [countedSetup("tests-write")],
      ["mkdir -p node_modules/.cache coverage && touch node_modules/.cache/from-tests coverage/lcov"],
    );
    await runValidation({ sandbox, workspacePath: await workspaceOf(repo), setupCache: cache, settings: testsWrite });
    const workspace = await workspaceOf(repo);
    const warm = await runValidation({
      sandbox,
      workspacePath: workspace,
      setupCache: cache,
      settings: settings(testsWrite.setupCommands, ["true"]),
    });
    expect(warm.setupCacheHit).not.toBeNull();
    expect(await fs.readdir(workspace)).not.toContain("coverage");
    expect(await fs.readdir(path.join(workspace, "node_modules"))).toEqual(["made-by-setup.js"]);
  });

  it("runs setup without the cache in a workspace that is not a git work tree of its own", async () => {
    const cache = makeCache("cache-plain", 64 * 1024 * 1024);
    for (let i = 0; i < 2; i++) {
      const plain = await fs.mkdtemp(path.join(root, "plain-"));
      const outcome = await runValidation({
        sandbox,
        workspacePath: plain,
        setupCache: cache,
        settings: settings(["mkdir node_modules"], ["test -d node_modules"]),
      });
      expect(outcome).toMatchObject({ status: "passed", setupCacheHit: null });
      expect(outcome.setup).toHaveLength(1);
    }
    expect(await cache.list()).toEqual([]);
  });

  it("runs setup every time with the cache off", async () => {
    const repo = await makeRepository({ "package-lock.json": "{}" });
    for (const expected of [1, 2]) {
      const outcome = await runValidation({
        sandbox,
        workspacePath: await workspaceOf(repo),
        setupCache: null,
        settings: settings([countedSetup("off")], ["true"]),
      });
      expect(outcome).toMatchObject({ status: "passed", setupCacheHit: null });
      expect(hits.get("off")).toBe(expected);
    }
  });
});

describe.runIf(sandbox.name === "bwrap")("runValidation network", () => {
  it("gives setup the network, and tests only when the project allows it", async () => {
    const repo = await makeRepository({ "README.md": "x" });
    const reach = (name: string) =>
      `node -e "fetch('${counterUrl}/${name}').then(() => console.log('reached'), (e) => { console.log('unreachable', e.cause?.code); process.exit(1) })"`;
    const denied = await runValidation({
      sandbox,
      workspacePath: await workspaceOf(repo),
      setupCache: null,
      settings: settings([reach("net-setup")], [reach("net-tests")]),
    });
    expect(denied.status).toBe("failed");
    expect(denied.setup[0]?.output).toBe("reached\n");
    expect(denied.tests[0]?.output).toMatch(/unreachable (ECONNREFUSED|ENETUNREACH)/);
    expect(hits.get("net-tests")).toBeUndefined();

    const allowed = await runValidation({
      sandbox,
      workspacePath: await workspaceOf(repo),
      setupCache: null,
      settings: settings([], [reach("net-tests")], true),
    });
    expect(allowed.status).toBe("passed");
    expect(hits.get("net-tests")).toBe(1);
  });
});
