import path from "node:path";
import { systemPath } from "@/lib/platform/env";
import { logger } from "@/lib/platform/logger";

// Entries like /work/main/node_modules/.bin come from how Mergeline itself was started
// (npm run, npx); a project's command must not pick up Mergeline's own tools.
const hostPath = systemPath
  .split(":")
  .filter((entry) => entry.length > 0 && !entry.split(path.sep).includes("node_modules"));
// node and npm must resolve in the sandbox even when the host PATH lacks them.
const nodeBin = path.dirname(process.execPath);
const sandboxPath = [...hostPath, ...(hostPath.includes(nodeBin) ? [] : [nodeBin])].join(":");

const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The whole environment of a sandboxed command: PATH, HOME, LANG and LC_ALL, then the
 * command's declared variables (which may override them). Nothing else of the host's.
 */
export function sandboxEnv({
  home,
  declared = {},
}: {
  home: string;
  declared?: Record<string, string>;
}): Record<string, string> {
  const result: Record<string, string> = { PATH: sandboxPath, HOME: home, LANG: "C.UTF-8", LC_ALL: "C.UTF-8" };
  for (const [name, value] of Object.entries(declared)) {
    // A name with '=' or a NUL byte anywhere would make spawn throw or smuggle a variable.
    if (!VALID_NAME.test(name) || value.includes("\0")) {
      logger.warn({ name }, "sandbox: skipped an environment variable with an invalid name or value");
      continue;
    }
    result[name] = value;
  }
  return result;
}
