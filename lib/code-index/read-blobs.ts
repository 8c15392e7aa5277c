import { spawn } from "node:child_process";
import { gitEnvironment } from "@/lib/workspaces/run-git";

/**
 * The contents of blobs of the mirror, by id, through one `git cat-file --batch` process
 * (a process per file would cost more than reading it). Ids git does not have are missing
 * from the result.
 */
export function readBlobs(mirrorDir: string, blobShas: string[]): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["cat-file", "--batch"], {
      cwd: mirrorDir,
      env: gitEnvironment(mirrorDir, { GIT_DIR: mirrorDir }),
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
      const blobs = new Map<string, Buffer>();
      let offset = 0;
      while (offset < output.length) {
        const newline = output.indexOf(10, offset);
        if (newline < 0) break;
        // "<sha> blob <size>" or "<sha> missing"
        const [sha, type, size] = output.subarray(offset, newline).toString("latin1").split(" ");
        offset = newline + 1;
        if (type === "missing" || size === undefined) continue;
        const length = Number(size);
        if (type === "blob" && sha) blobs.set(sha, output.subarray(offset, offset + length));
        offset += length + 1;
      }
      resolve(blobs);
    });
    child.stdin.end(blobShas.length > 0 ? `${blobShas.join("\n")}\n` : "");
  });
}
