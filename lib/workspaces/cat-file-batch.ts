import { spawn } from "node:child_process";
import { gitEnvironment } from "@/lib/workspaces/run-git";

export type GitObject = { type: "blob" | "tree" | "commit" | "tag"; content: Buffer };

/**
 * Objects of a repository (`<sha>`, `<rev>:<path>`) through one `git cat-file --batch`
 * process (a process per object would cost more than reading it), in the order asked; null
 * for what git does not have. A spec with a newline cannot be asked on one line: it is null.
 */
export function catFileBatch(gitDir: string, specs: string[]): Promise<(GitObject | null)[]> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["cat-file", "--batch"], {
      cwd: gitDir,
      env: gitEnvironment(gitDir, { GIT_DIR: gitDir }),
      stdio: ["pipe", "pipe", "pipe"],
    });
    const chunks: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    // git may exit before reading what it was asked (not a repository): the write then fails
    // with EPIPE, and the exit code, reported on close, says why.
    child.stdin.on("error", () => undefined);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`git cat-file --batch failed (${code}): ${stderr.slice(0, 500)}`));
      const output = Buffer.concat(chunks);
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
      resolve(objects);
    });
    child.stdin.end(specs.length > 0 ? `${specs.map((spec) => (spec.includes("\n") ? "-" : spec)).join("\n")}\n` : "");
  });
}
