import { spawn } from "node:child_process";

export type GitResult = { code: number; stdout: string; stderr: string };

// Git never reads the user's or system config here, so tests behave the same everywhere.
export const GIT_ENV = { GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", GIT_TERMINAL_PROMPT: "0" };

/** Runs git in `cwd`; resolves with the exit code (callers decide what a failure means). */
export function runGit(
  cwd: string,
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd, env: { ...process.env, ...GIT_ENV, ...options.env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.input ?? "");
  });
}

/** Like runGit but throws on a non-zero exit, returning trimmed stdout. */
export async function git(
  cwd: string,
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<string> {
  const result = await runGit(cwd, args, options);
  if (result.code !== 0) throw new Error(`git ${args.join(" ")} failed (${result.code}): ${result.stderr.trim()}`);
  return result.stdout.trim();
}

/** The commit a branch points at, or null when it does not exist. */
export async function branchSha(dir: string, branch: string): Promise<string | null> {
  const result = await runGit(dir, ["rev-parse", "--verify", "--quiet", `refs/heads/${branch}^{commit}`]);
  return result.code === 0 ? result.stdout.trim() : null;
}
