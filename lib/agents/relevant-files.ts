import fs from "node:fs/promises";
import { resolveWorkspacePath } from "@/lib/agents/tools/workspace-path";
import { trimMiddle } from "@/lib/agents/prompt-text";

export type RelevantFile = { path: string; content: string | null; note?: string };

/**
 * The files a plan names, read for the coder's prompt within a budget. The paths come
 * from a model, so they go through the same confinement as the agent's tools; a path
 * that does not exist yet is listed as a new file.
 */
export async function readRelevantFiles({
  workspacePath,
  paths,
  maxFiles = 12,
  maxCharsPerFile = 12_000,
  maxTotalChars = 48_000,
}: {
  workspacePath: string;
  paths: string[];
  maxFiles?: number;
  maxCharsPerFile?: number;
  maxTotalChars?: number;
}): Promise<RelevantFile[]> {
  const files: RelevantFile[] = [];
  let budget = maxTotalChars;
  for (const requested of [...new Set(paths)].slice(0, maxFiles)) {
    try {
      const file = await resolveWorkspacePath(workspacePath, requested, "write");
      if (!file.exists) {
        files.push({ path: file.relative, content: null, note: "does not exist yet" });
        continue;
      }
      const stat = await fs.stat(file.absolute);
      if (!stat.isFile()) {
        files.push({ path: file.relative, content: null, note: "is a directory" });
        continue;
      }
      if (budget <= 0 || stat.size > 4 * maxCharsPerFile) {
        files.push({ path: file.relative, content: null, note: "not shown (size budget); read it with read_file" });
        continue;
      }
      const buffer = await fs.readFile(file.absolute);
      if (buffer.subarray(0, 8192).includes(0)) {
        files.push({ path: file.relative, content: null, note: "is binary" });
        continue;
      }
      const content = trimMiddle(buffer.toString("utf8"), Math.min(maxCharsPerFile, budget));
      budget -= content.length;
      files.push({ path: file.relative, content });
    } catch (error) {
      files.push({ path: requested, content: null, note: `not readable: ${(error as Error).message}` });
    }
  }
  return files;
}
