import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { GitHubEmulator } from "./emulator/git-hub-emulator";

const exec = promisify(execFile);
const BASE_ENV = {
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_TERMINAL_PROMPT: "0",
  GIT_AUTHOR_NAME: "Dev",
  GIT_AUTHOR_EMAIL: "dev@example.com",
  GIT_COMMITTER_NAME: "Dev",
  GIT_COMMITTER_EMAIL: "dev@example.com",
};

/** Pushes a branch with the given files over the emulator's git HTTP (real git CLI, token in env only). */
export async function pushBranch(
  gh: GitHubEmulator,
  options: {
    token: string;
    repo: string;
    branch: string;
    from?: string;
    files: Record<string, string>;
    message?: string;
  },
): Promise<string> {
  const env = { ...process.env, ...BASE_ENV, ...gh.gitAuthEnv(options.token) };
  const dir = await mkdtemp(path.join(tmpdir(), "gh-emu-push-"));
  try {
    await exec("git", ["clone", "--quiet", `${gh.url}/${options.repo}.git`, dir], { env });
    if (options.from) await exec("git", ["checkout", "--quiet", options.from], { cwd: dir, env });
    await exec("git", ["checkout", "--quiet", "-B", options.branch], { cwd: dir, env });
    for (const [file, content] of Object.entries(options.files)) {
      await exec("mkdir", ["-p", path.dirname(path.join(dir, file))]);
      await writeFile(path.join(dir, file), content);
    }
    await exec("git", ["add", "-A"], { cwd: dir, env });
    await exec(
      "git",
      ["commit", "--quiet", "-m", options.message ?? `Change ${Object.keys(options.files).join(", ")}`],
      { cwd: dir, env },
    );
    await exec("git", ["push", "--quiet", "--force", "origin", options.branch], { cwd: dir, env });
    return (await exec("git", ["rev-parse", "HEAD"], { cwd: dir, env })).stdout.trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
