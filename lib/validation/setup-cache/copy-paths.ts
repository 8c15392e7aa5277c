import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { env, systemPath } from "@/lib/platform/env";
import { execFileLaunched } from "@/lib/platform/launcher/exec-file-launched";
import { checkPaths } from "@/lib/validation/setup-cache/check-paths";

// Keeps each cp's argument list far below the kernel's limit.
const BATCH = 256;

let canLowerPriority: boolean | undefined;
function lowPriority(): boolean {
  canLowerPriority ??= ["nice", "ionice"].every((tool) =>
    systemPath.split(":").some((dir) => existsSync(path.join(dir, tool))),
  );
  return canLowerPriority;
}

/**
 * Copies `paths` (relative, each a file, symlink or whole directory) from one root to the
 * same places under another with `cp -a` (symlinks stay symlinks; copy-on-write clones
 * where the filesystem has them). Never copies onto something that exists or through a
 * symlinked directory. Hardlinks would be faster but would let a sandboxed command edit
 * the cache through the workspace.
 */
export async function copyPaths({
  from,
  to,
  paths,
  background = false,
}: {
  from: string;
  to: string;
  paths: string[];
  background?: boolean;
}): Promise<void> {
  await checkPaths({ from, to, paths });
  // A background copy yields CPU and disk to the commands validations are waiting for.
  const [file, ...prefix] = background && lowPriority() ? ["nice", "-n", "10", "ionice", "-c2", "-n7", "cp"] : ["cp"];
  try {
    for (let i = 0; i < paths.length; i += BATCH) {
      // From the launcher: a spawn from this process stalls it (exec-file-launched.ts).
      await execFileLaunched(
        file!,
        [...prefix, "-a", "--parents", "--reflink=auto", "--", ...paths.slice(i, i + BATCH), to],
        {
          cwd: from,
          env: { NODE_ENV: env.NODE_ENV, PATH: systemPath, LANG: "C" },
          maxBuffer: 4 * 1024 * 1024,
        },
      );
    }
  } catch (error) {
    // None of them existed and their parents are real directories (checked above), so
    // this removes exactly what the copy made, and nothing through a symlink.
    await Promise.all(
      paths.map((relative) => fs.rm(path.join(to, relative), { recursive: true, force: true }).catch(() => undefined)),
    );
    throw error;
  }
}
