import os from "node:os";
import path from "node:path";

/**
 * Where tests and benchmarks install the CLI agents: one directory in the temp dir, kept
 * between runs (an install takes 15-20 s each from the npm registry's cache), never in the
 * repository.
 */
export const testAgentToolsDir = path.join(os.tmpdir(), "mergeline-agent-tools-cache");
