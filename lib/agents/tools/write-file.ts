import fs from "node:fs/promises";
import path from "node:path";
import { tool } from "ai";
import { z } from "zod";
import type { ToolContext } from "./tool-context";
import { toolFailure } from "./tool-failure";
import { resolveWorkspacePath } from "./workspace-path";

const MAX_CONTENT_CHARS = 1024 * 1024;

export function writeFile({ workspacePath }: ToolContext) {
  return tool({
    description:
      "Create a file or replace a file's whole content (parent directories are created). " +
      "To change part of an existing file, prefer edit_file.",
    inputSchema: z.object({
      path: z.string().describe("File path relative to the repository root"),
      content: z.string().max(MAX_CONTENT_CHARS).describe("The complete new content of the file"),
    }),
    execute: async ({ path: requested, content }) => {
      try {
        const file = await resolveWorkspacePath(workspacePath, requested, "write");
        await fs.mkdir(path.dirname(file.absolute), { recursive: true });
        await fs.writeFile(file.absolute, content, "utf8");
        return { ok: true as const, path: file.relative, created: !file.exists, bytes: Buffer.byteLength(content) };
      } catch (error) {
        return toolFailure("write_file", error);
      }
    },
  });
}
