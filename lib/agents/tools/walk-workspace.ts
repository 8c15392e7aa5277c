import fs from "node:fs/promises";
import path from "node:path";

/** Never listed or searched: git internals and installed dependencies. */
const skipped = new Set([".git", "node_modules"]);

export type WalkEntry = {
  /** Relative to the workspace root, with forward slashes. */
  relative: string;
  absolute: string;
  kind: "file" | "directory" | "symlink";
};

/**
 * Entries under `start` in name order, depth first. Symlinks are reported but never
 * followed, so a link to / cannot pull the host's files into a listing or a search.
 */
export async function* walkWorkspace(
  root: string,
  start: string,
  { recursive }: { recursive: boolean },
): AsyncGenerator<WalkEntry> {
  const pending = [start];
  while (pending.length > 0) {
    const directory = pending.pop()!;
    let entries;
    try {
      entries = await fs.readdir(directory, { withFileTypes: true });
    } catch {
      continue; // vanished or unreadable: skip it rather than fail the whole walk
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirectories: string[] = [];
    for (const entry of entries) {
      if (skipped.has(entry.name.toLowerCase())) continue;
      const absolute = path.join(directory, entry.name);
      const relative = path.relative(root, absolute).split(path.sep).join("/");
      if (entry.isSymbolicLink()) {
        yield { relative, absolute, kind: "symlink" };
      } else if (entry.isDirectory()) {
        if (recursive) subdirectories.push(absolute);
        else yield { relative, absolute, kind: "directory" };
      } else if (entry.isFile()) {
        yield { relative, absolute, kind: "file" };
      }
    }
    // Reversed so that popping visits them in name order.
    pending.push(...subdirectories.reverse());
  }
}
