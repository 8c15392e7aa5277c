import { spawn } from "node:child_process";
import { gitEnvironment } from "@/lib/workspaces/run-git";

/**
 * Files at a revision of a bare repository (`<rev>:<path>`), read through one
 * `git cat-file --batch` process, in the order asked; null for a path the revision lacks.
 */
export function readRevisionFiles(gitDir: string, specs: string[]): Promise<(string | null)[]> {
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
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`git cat-file --batch failed (${code}): ${stderr.slice(0, 500)}`));
      const output = Buffer.concat(chunks);
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
      resolve(files);
    });
    // A path with a newline cannot be asked for on one line; it reads as missing.
    child.stdin.end(`${specs.map((spec) => (spec.includes("\n") ? "-" : spec)).join("\n")}\n`);
  });
}
