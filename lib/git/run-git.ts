import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { env, systemPath } from "@/lib/env";

const execFileAsync = promisify(execFile);

// Commits made by Mergeline itself carry this identity unless the repository sets one.
const identity = {
  GIT_AUTHOR_NAME: "Mergeline",
  GIT_AUTHOR_EMAIL: "bot@mergeline.local",
  GIT_COMMITTER_NAME: "Mergeline",
  GIT_COMMITTER_EMAIL: "bot@mergeline.local",
};

export class GitError extends Error {
  constructor(
    readonly args: string[],
    readonly stderr: string,
    readonly exitCode: number | null,
  ) {
    super(`git ${args.join(" ")} failed (${exitCode}): ${stderr.trim().slice(0, 2000)}`);
    this.name = "GitError";
  }
}

/** Runs git in a directory and returns its trimmed stdout; never reads user config. */
export async function runGit(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync("git", args, {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
      env: { NODE_ENV: env.NODE_ENV, PATH: systemPath, HOME: cwd, GIT_CONFIG_NOSYSTEM: "1", GIT_TERMINAL_PROMPT: "0", LANG: "C", ...identity },
    });
    return stdout.trim();
  } catch (error) {
    const failure = error as { stderr?: string; code?: number | null };
    throw new GitError(args, failure.stderr ?? String(error), typeof failure.code === "number" ? failure.code : null);
  }
}
