import { accessSync, constants } from "node:fs";
import path from "node:path";
import { systemPath } from "@/lib/platform/env";

/** The first executable `name` on the host's PATH (then /usr/bin), or null. */
export function findExecutable(name: string): string | null {
  for (const dir of [...systemPath.split(":"), "/usr/bin"]) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  return null;
}
