import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorApp } from "./emulator-octokit";
import { startGitHubEmulator, type GitHubEmulator } from "./index";

const exec = promisify(execFile);
const BASE_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_TERMINAL_PROMPT: "0",
  GIT_AUTHOR_NAME: "Dev",
  GIT_AUTHOR_EMAIL: "dev@example.com",
  GIT_COMMITTER_NAME: "Dev",
  GIT_COMMITTER_EMAIL: "dev@example.com",
};

describe("GitHub emulator: git smart HTTP", () => {
  let gh: GitHubEmulator;
  let token: string;
  let work: string;

  beforeAll(async () => {
    gh = await startGitHubEmulator();
    const id = gh.createInstallation({ account: { login: "acme" }, repositories: ["acme/widgets"] }).id;
    await gh.createRepository({
      owner: "acme",
      name: "widgets",
      files: { "README.md": "# widgets\n", "src/a.txt": "a\n" },
    });
    await gh.createRepository({ owner: "acme", name: "other" });
    const { data } = await emulatorApp(gh).octokit.request("POST /app/installations/{installation_id}/access_tokens", {
      installation_id: id,
    });
    token = data.token;
    work = await mkdtemp(path.join(tmpdir(), "gh-emu-clone-"));
  });
  afterAll(async () => {
    await gh?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("clones and pushes a branch with the token passed only through the environment", async () => {
    const env = { ...BASE_ENV, ...gh.gitAuthEnv(token) };
    const dir = path.join(work, "widgets");
    await exec("git", ["clone", "--quiet", `${gh.url}/acme/widgets.git`, dir], { env });
    expect(await readFile(path.join(dir, "src/a.txt"), "utf8")).toBe("a\n");
    expect((await exec("git", ["config", "--list", "--local"], { cwd: dir, env })).stdout).not.toContain(token);
    await exec("git", ["checkout", "--quiet", "-b", "feature/x"], { cwd: dir, env });
    await writeFile(path.join(dir, "b.txt"), "b\n");
    await exec("git", ["add", "b.txt"], { cwd: dir, env });
    await exec("git", ["commit", "--quiet", "-m", "Add b"], { cwd: dir, env });
    await exec("git", ["push", "--quiet", "origin", "feature/x"], { cwd: dir, env });
    const local = (await exec("git", ["rev-parse", "HEAD"], { cwd: dir, env })).stdout.trim();
    expect(await gh.branchHead("acme/widgets", "feature/x")).toBe(local);
  });

  it("answers 401 with WWW-Authenticate for a wrong token, no token, or a repository outside the installation", async () => {
    const wrong = await fetch(`${gh.url}/acme/widgets.git/info/refs?service=git-upload-pack`, {
      headers: { authorization: `Basic ${Buffer.from("x-access-token:ghs_wrong").toString("base64")}` },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toMatch(/^Basic/);
    const none = await fetch(`${gh.url}/acme/widgets.git/info/refs?service=git-upload-pack`);
    expect(none.status).toBe(401);
    const outside = await fetch(`${gh.url}/acme/other.git/info/refs?service=git-upload-pack`, {
      headers: { authorization: `Basic ${Buffer.from(`x-access-token:${token}`).toString("base64")}` },
    });
    expect(outside.status).toBe(401);
    const cloned = exec("git", ["clone", "--quiet", `${gh.url}/acme/widgets.git`, path.join(work, "refused")], {
      env: { ...BASE_ENV, ...gh.gitAuthEnv("ghs_wrong") },
    });
    await expect(cloned).rejects.toThrow(/Authentication failed|401|could not read Username/);
  });
});
