import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

// Past this many loose refs, reading them costs about what the fetch it would spare does.
const MAX_LOOSE_REFS = 2000;

/**
 * A digest of the branches and tags of a repository on this machine, read from its files
 * (loose refs and packed-refs) without starting git; null when that cannot be told this way
 * (a reftable repository, a linked worktree whose refs live elsewhere, too many refs), and
 * the caller must ask git. Two equal digests mean every branch and tag points where it did.
 */
export async function readOriginRefs(gitDir: string): Promise<string | null> {
  const hasFile = (name: string) =>
    fs.stat(path.join(/*turbopackIgnore: true*/ gitDir, name)).then(
      () => true,
      () => false,
    );
  if ((await hasFile("commondir")) || (await hasFile("reftable")) || !(await hasFile("refs"))) return null;
  const hash = createHash("sha256");
  let count = 0;
  for (const namespace of ["refs/heads", "refs/tags"]) {
    const entries = await fs
      .readdir(path.join(/*turbopackIgnore: true*/ gitDir, namespace), { recursive: true, withFileTypes: true })
      .catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return [];
        throw error;
      });
    const files = entries
      .filter((entry) => entry.isFile() && !entry.name.endsWith(".lock"))
      .map((entry) => path.join(entry.parentPath, entry.name))
      .sort();
    count += files.length;
    if (count > MAX_LOOSE_REFS) return null;
    for (const file of files) {
      // A ref deleted between the listing and the read is read as gone.
      const content = await fs.readFile(/*turbopackIgnore: true*/ file, "utf8").catch(() => "");
      hash.update(`${path.relative(gitDir, file)}\0${content}\0`);
    }
  }
  const packed = await fs.readFile(path.join(/*turbopackIgnore: true*/ gitDir, "packed-refs"), "utf8").catch(() => "");
  hash.update(`packed-refs\0${packed}`);
  return hash.digest("hex");
}
