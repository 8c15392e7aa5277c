import { env, systemPath } from "@/lib/platform/env";
import { execFileLaunched } from "@/lib/platform/launcher/exec-file-launched";

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
    // What the command printed before failing: some commands (merge-tree) report there.
    readonly stdout = "",
  ) {
    super(`git ${args.join(" ")} failed (${exitCode}): ${stderr.trim().slice(0, 2000)}`);
    this.name = "GitError";
  }
}

export type RunGitOptions = {
  /** Extra variables (GIT_DIR, GIT_WORK_TREE...), on top of the isolated defaults. */
  env?: Record<string, string>;
  /** Trim stdout (default true); diffs and patches want their final newline kept. */
  trim?: boolean;
  /** Written to git's standard input (`update-ref --stdin`). */
  input?: string;
};

/**
 * The environment every git child gets: no system, global or XDG config (HOME is often a
 * workspace whose files an agent wrote, so `~/.gitconfig` there must not be read).
 */
export function gitEnvironment(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: env.NODE_ENV,
    PATH: systemPath,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    XDG_CONFIG_HOME: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
    LANG: "C",
    ...identity,
    ...extra,
  };
}

/** Runs git in a directory and returns its stdout (trimmed unless asked not to); never reads user config. */
export async function runGit(cwd: string, args: string[], options: RunGitOptions = {}): Promise<string> {
  try {
    // From the launcher: git runs at every step, and spawning it from this process stalls it.
    const { stdout } = await execFileLaunched("git", args, {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
      env: gitEnvironment(cwd, options.env),
      input: options.input,
    });
    return options.trim === false ? stdout : stdout.trim();
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; code?: number | string | null };
    const exitCode = typeof failure.code === "number" ? failure.code : null;
    throw new GitError(args, failure.stderr ?? String(error), exitCode, failure.stdout ?? "");
  }
}
