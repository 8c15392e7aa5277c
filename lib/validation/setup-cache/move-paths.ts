import fs from "node:fs/promises";
import path from "node:path";
import { checkPaths } from "@/lib/validation/setup-cache/check-paths";

/**
 * Moves `paths` from one root to the same places under another by rename: constant time
 * whatever their size, on one filesystem. Checked like copyPaths; when one move fails
 * (another filesystem: EXDEV), the moved ones are removed and the error is thrown.
 */
export async function movePaths({ from, to, paths }: { from: string; to: string; paths: string[] }): Promise<void> {
  await checkPaths({ from, to, paths });
  const moved: string[] = [];
  try {
    for (const relative of paths) {
      await fs.mkdir(path.dirname(path.join(to, relative)), { recursive: true });
      await fs.rename(path.join(from, relative), path.join(to, relative));
      moved.push(relative);
    }
  } catch (error) {
    await Promise.all(
      moved.map((relative) => fs.rm(path.join(to, relative), { recursive: true, force: true }).catch(() => undefined)),
    );
    throw error;
  }
}
