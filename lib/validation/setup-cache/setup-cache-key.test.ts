import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupCacheKey } from "@/lib/validation/setup-cache/setup-cache-key";

let repo: string;
const git = (...args: string[]) =>
  execFileSync("git", args, { cwd: repo, env: { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null" } });

beforeAll(async () => {
  repo = await fs.mkdtemp(path.join(os.tmpdir(), "mergeline-key-"));
  git("init", "--quiet");
  await fs.mkdir(path.join(repo, "packages", "web"), { recursive: true });
  await fs.writeFile(path.join(repo, "packages", "web", "yarn.lock"), "a");
  await fs.writeFile(path.join(repo, "requirements-dev.txt"), "pytest\n");
  await fs.writeFile(path.join(repo, "untracked.lock"), "x");
  git("add", "packages", "requirements-dev.txt");
});
afterAll(() => fs.rm(repo, { recursive: true, force: true }));

const key = (input: Partial<Parameters<typeof setupCacheKey>[0]> = {}) =>
  setupCacheKey({ workspace: repo, setupCommands: ["npm ci"], image: "bwrap; node v20", ...input });

describe("setupCacheKey", () => {
  it("covers tracked lockfiles anywhere in the tree and requirements files", async () => {
    const { dependencyFiles } = await key();
    expect(dependencyFiles.map((file) => file.path)).toEqual(["packages/web/yarn.lock", "requirements-dev.txt"]);
  });

  it("changes with the commands, the variable names, the image and the scope, not the variable order", async () => {
    const base = (await key({ envNames: ["A", "B"] })).key;
    expect((await key({ envNames: ["B", "A"] })).key).toBe(base);
    expect((await key({ envNames: ["A"] })).key).not.toBe(base);
    expect((await key({ envNames: ["A", "B"], setupCommands: ["npm install"] })).key).not.toBe(base);
    expect((await key({ envNames: ["A", "B"], image: "process; node v20" })).key).not.toBe(base);
    expect((await key({ envNames: ["A", "B"], scope: "other" })).key).not.toBe(base);
  });

  it("scopes by the origin repository, without the credentials in its URL", async () => {
    git("remote", "add", "origin", "https://x-access-token:first@github.com/acme/app.git");
    const first = await key();
    git("remote", "set-url", "origin", "https://x-access-token:rotated@github.com/acme/app.git");
    const second = await key();
    expect(second.scope).toBe("https://github.com/acme/app.git");
    expect(second.key).toBe(first.key);
    git("remote", "set-url", "origin", "https://github.com/acme/other.git");
    expect((await key()).key).not.toBe(first.key);
  });

  it("refuses a directory that is not the top of its own work tree", async () => {
    await expect(key({ workspace: path.join(repo, "packages") })).rejects.toThrow(/not the top of a git work tree/);
    await expect(key({ workspace: os.tmpdir() })).rejects.toThrow();
  });
});
