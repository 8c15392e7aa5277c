import { execFileLaunched } from "@/lib/platform/launcher/exec-file-launched";
import { gitEnvironment } from "@/lib/workspaces/run-git";

// The files a review reads are a pull request's changed files: far below this.
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

/**
 * Files at a revision of a bare repository (`<rev>:<path>`), read through one
 * `git cat-file --batch` process (started by the launcher, as git always is), in the order
 * asked; null for a path the revision lacks.
 */
export async function readRevisionFiles(gitDir: string, specs: string[]): Promise<(string | null)[]> {
  let output: Buffer;
  try {
    ({ stdout: output } = await execFileLaunched("git", ["cat-file", "--batch"], {
      cwd: gitDir,
      env: gitEnvironment(gitDir, { GIT_DIR: gitDir }),
      maxBuffer: MAX_OUTPUT_BYTES,
      encoding: "buffer",
      // A path with a newline cannot be asked for on one line; it reads as missing.
      input: `${specs.map((spec) => (spec.includes("\n") ? "-" : spec)).join("\n")}\n`,
    }));
  } catch (error) {
    const failure = error as { code?: number | string | null; stderr?: string | Buffer };
    throw new Error(`git cat-file --batch failed (${failure.code}): ${String(failure.stderr ?? error).slice(0, 500)}`);
  }
  const files: (string | null)[] = [];
  let offset = 0;
  while (offset < output.length && files.length < specs.length) {
    const newline = output.indexOf(10, offset);
    if (newline < 0) break;
    // "<sha> blob <size>", or "<spec> missing" / "<spec> ambiguous"
    const header = output.subarray(offset, newline).toString("utf8");
    offset = newline + 1;
    const match = / (blob|tree|commit|tag) (\d+)$/.exec(header);
    if (!match) {
      files.push(null);
      continue;
    }
    const length = Number(match[2]);
    files.push(match[1] === "blob" ? output.subarray(offset, offset + length).toString("utf8") : null);
    offset += length + 1;
  }
  while (files.length < specs.length) files.push(null);
  return files;
}
