import fs from "node:fs/promises";
import { tool } from "ai";
import { z } from "zod";
import type { ToolContext } from "./tool-context";
import { ToolInputError, toolFailure } from "./tool-failure";
import { walkWorkspace } from "./walk-workspace";
import { resolveWorkspacePath } from "./workspace-path";

const MAX_ENTRIES = 500;

export function listFiles({ workspacePath }: ToolContext) {
  return tool({
    description:
      "List files in the repository (relative paths). Recursive by default; .git and node_modules are skipped. " +
      "Directories end with '/', symlinks with ' -> symlink'.",
    inputSchema: z.object({
      path: z.string().optional().describe("Directory relative to the repository root; default the root"),
      recursive: z.boolean().optional().describe("Default true; false lists only the directory's own entries"),
    }),
    execute: async ({ path = ".", recursive = true }) => {
      try {
        const start = await resolveWorkspacePath(workspacePath, path, "read");
        if (!(await fs.stat(start.absolute)).isDirectory())
          throw new ToolInputError(`${start.relative} is a file; use read_file`);
        const root = await resolveWorkspacePath(workspacePath, ".", "read");
        const entries: string[] = [];
        let truncated = false;
        for await (const entry of walkWorkspace(root.absolute, start.absolute, { recursive })) {
          if (entries.length === MAX_ENTRIES) {
            truncated = true;
            break;
          }
          entries.push(
            entry.kind === "directory"
              ? `${entry.relative}/`
              : entry.kind === "symlink"
                ? `${entry.relative} -> symlink`
                : entry.relative,
          );
        }
        return { ok: true as const, path: start.relative, entries, truncated };
      } catch (error) {
        return toolFailure("list_files", error);
      }
    },
  });
}
