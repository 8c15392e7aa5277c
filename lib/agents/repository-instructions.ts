import fs from "node:fs/promises";
import path from "node:path";
import { resolveWorkspacePath } from "@/lib/agents/tools/workspace-path";

/** An instructions file of the repository, as the agent's prompt carries it. */
export type RepositoryInstruction = { path: string; content: string; truncated: boolean };

// Bounded: a repository cannot fill the prompt with its instructions.
const MAX_FILE_CHARS = 8_000;
const MAX_TOTAL_CHARS = 24_000;
const MAX_CURSOR_RULES = 10;
const FIXED = ["CLAUDE.md", ".github/copilot-instructions.md"];

async function read(workspacePath: string, relative: string): Promise<RepositoryInstruction | null> {
  try {
    // Inside the workspace only: a symlinked AGENTS.md pointing out of it is not read.
    const resolved = await resolveWorkspacePath(workspacePath, relative, "read");
    if (!resolved.exists) return null;
    const info = await fs.stat(resolved.absolute);
    if (!info.isFile()) return null;
    const content = await fs.readFile(resolved.absolute, "utf8");
    return {
      path: resolved.relative,
      content: content.slice(0, MAX_FILE_CHARS),
      truncated: content.length > MAX_FILE_CHARS,
    };
  } catch {
    return null;
  }
}

/** The AGENTS.md nearest to `file`: in its folder, else the closest folder above it. */
async function nearestAgentsFile(workspacePath: string, file: string): Promise<string | null> {
  for (let dir = path.posix.dirname(path.posix.normalize(file)); ; dir = path.posix.dirname(dir)) {
    const candidate = dir === "." || dir === "/" ? "AGENTS.md" : `${dir}/AGENTS.md`;
    if (await read(workspacePath, candidate)) return candidate;
    if (dir === "." || dir === "/" || dir === "") return null;
  }
}

/**
 * The repository's instructions for coding agents, read into every agent's prompt: for each
 * path the plan changes, the AGENTS.md nearest to it (the root one when the plan names no
 * path), then CLAUDE.md, .github/copilot-instructions.md and .cursor/rules/*. Each file and
 * the whole are bounded; what is cut says so.
 */
export async function readRepositoryInstructions({
  workspacePath,
  changedPaths,
}: {
  workspacePath: string;
  changedPaths: string[];
}): Promise<RepositoryInstruction[]> {
  const agentsFiles = new Set<string>();
  for (const file of changedPaths.length ? changedPaths.slice(0, 50) : ["README"]) {
    if (file.split("/").includes("..")) continue;
    const nearest = await nearestAgentsFile(workspacePath, file);
    if (nearest) agentsFiles.add(nearest);
  }
  const cursorRules = await fs
    .readdir(path.join(workspacePath, ".cursor", "rules"))
    .then((names) =>
      names
        .filter((name) => /\.(mdc?|txt)$/i.test(name))
        .sort()
        .slice(0, MAX_CURSOR_RULES),
    )
    .catch(() => [] as string[]);
  const wanted = [...agentsFiles, ...FIXED, ...cursorRules.map((name) => `.cursor/rules/${name}`)];
  const found: RepositoryInstruction[] = [];
  let total = 0;
  for (const relative of wanted) {
    const file = await read(workspacePath, relative);
    if (!file) continue;
    const room = MAX_TOTAL_CHARS - total;
    if (room <= 0) break;
    const content = file.content.slice(0, room);
    found.push({ ...file, content, truncated: file.truncated || content.length < file.content.length });
    total += content.length;
  }
  return found;
}
