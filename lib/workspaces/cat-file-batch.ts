import { execFileLaunched, LaunchedCommandError } from "@/lib/platform/launcher/exec-file-launched";
import { gitEnvironment } from "@/lib/workspaces/run-git";

export type GitObject = { type: "blob" | "tree" | "commit" | "tag"; content: Buffer };

// What one batch may print: the callers (a review's changed files, an index batch) ask for
// bounded sets, so this is a guard against a runaway, not a limit anyone should meet.
const MAX_OUTPUT_BYTES = 1024 * 1024 * 1024;

/**
 * Objects of a repository (`<sha>`, `<rev>:<path>`) through one `git cat-file --batch`
 * process (a process per object would cost more than reading it), in the order asked; null
 * for what git does not have. A spec with a newline cannot be asked on one line: it is null.
 * The process is started from the launcher like every git command (spawning from the app's
 * process stalls it, exec-file-launched.ts): the specs go in at once, the output comes back whole.
 */
export async function catFileBatch(gitDir: string, specs: string[]): Promise<(GitObject | null)[]> {
  let output: Buffer;
  try {
    ({ stdout: output } = await execFileLaunched("git", ["cat-file", "--batch"], {
      cwd: gitDir,
      env: gitEnvironment(gitDir, { GIT_DIR: gitDir }),
      maxBuffer: MAX_OUTPUT_BYTES,
      encoding: "buffer",
      input: specs.length > 0 ? `${specs.map((spec) => (spec.includes("\n") ? "-" : spec)).join("\n")}\n` : "",
    }));
  } catch (error) {
    // git may exit before reading what it was asked (not a repository): its exit code says why.
    if (!(error instanceof LaunchedCommandError)) throw error;
    throw new Error(`git cat-file --batch failed (${error.code}): ${error.stderr.toString().slice(0, 500)}`);
  }
  const objects: (GitObject | null)[] = [];
  let offset = 0;
  while (offset < output.length && objects.length < specs.length) {
    const newline = output.indexOf(10, offset);
    if (newline < 0) break;
    // "<sha> <type> <size>", or "<spec> missing" / "<spec> ambiguous"
    const header = output.subarray(offset, newline).toString("latin1");
    offset = newline + 1;
    const match = / (blob|tree|commit|tag) (\d+)$/.exec(header);
    if (!match) {
      objects.push(null);
      continue;
    }
    const length = Number(match[2]);
    objects.push({ type: match[1] as GitObject["type"], content: output.subarray(offset, offset + length) });
    offset += length + 1;
  }
  while (objects.length < specs.length) objects.push(null);
  return objects;
}
