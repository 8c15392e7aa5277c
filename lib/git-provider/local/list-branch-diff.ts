import { spawn } from "node:child_process";
import type { Project } from "@/db/schema";
import { AppError } from "@/lib/platform/errors";
import { gitEnvironment } from "@/lib/workspaces/run-git";
import type { BranchDiff } from "@/lib/git-provider/types";
import { openRepository, readBranchSha } from "@/lib/workspaces/repository";

export type { BranchDiff } from "@/lib/git-provider/types";

const defaultMaxBytes = 1024 * 1024;

/**
 * What a branch changes against its base since they diverged (the PR's diff), read from
 * the project repository. Output past `maxBytes` is dropped and git is stopped, so a huge
 * branch costs at most the cap.
 */
export async function listBranchDiff(input: {
  project: Project;
  branch: string;
  baseBranch: string;
  maxBytes?: number;
}): Promise<BranchDiff> {
  if (input.project.provider !== "local")
    throw new AppError("bad_request:provider", "listBranchDiff reads local repositories only");
  const repository = await openRepository(input.project.repository);
  for (const branch of [input.baseBranch, input.branch]) {
    if (!(await readBranchSha(repository, branch))) {
      throw new AppError("not_found:branch", `The repository ${repository.path} has no branch ${branch}`);
    }
  }
  const args = [
    "diff",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--src-prefix=a/",
    "--dst-prefix=b/",
    `refs/heads/${input.baseBranch}...refs/heads/${input.branch}`,
    "--",
  ];
  const explicit: Record<string, string> = { GIT_DIR: repository.gitDir };
  if (repository.workTree) explicit.GIT_WORK_TREE = repository.workTree;
  return readCapped(repository.workTree ?? repository.gitDir, args, explicit, input.maxBytes ?? defaultMaxBytes);
}

function readCapped(
  cwd: string,
  args: string[],
  extraEnv: Record<string, string>,
  maxBytes: number,
): Promise<BranchDiff> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd, env: gitEnvironment(cwd, extraEnv), stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      if (truncated) return;
      chunks.push(chunk);
      size += chunk.length;
      if (size > maxBytes) {
        truncated = true;
        child.kill("SIGTERM");
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-4000);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (!truncated && code !== 0) {
        reject(new AppError("internal:git", `git diff failed (${code}): ${stderr.trim()}`));
        return;
      }
      let text = Buffer.concat(chunks)
        .subarray(0, truncated ? maxBytes : undefined)
        .toString("utf8");
      // Never end inside a line (or a multi-byte character) when the output was cut.
      if (truncated) text = text.slice(0, text.lastIndexOf("\n") + 1);
      resolve({ diff: text, truncated });
    });
  });
}
