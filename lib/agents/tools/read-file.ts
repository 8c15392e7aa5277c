import fs from "node:fs/promises";
import { tool } from "ai";
import { z } from "zod";
import type { ToolContext } from "./tool-context";
import { ToolInputError, toolFailure } from "./tool-failure";
import { resolveWorkspacePath } from "./workspace-path";

const MAX_FILE_BYTES = 2 * 1024 * 1024;
const MAX_LINES = 400;
const MAX_CHARS = 24_000;

export function readFile({ workspacePath }: ToolContext) {
  return tool({
    description:
      `Read a text file of the repository, optionally a range of lines (1-based, inclusive). At most ${MAX_LINES} lines ` +
      "are returned per call; when the result says truncated, read on from nextStartLine.",
    inputSchema: z.object({
      path: z.string().describe("File path relative to the repository root"),
      startLine: z.number().int().min(1).optional(),
      endLine: z.number().int().min(1).optional(),
    }),
    execute: async ({ path, startLine = 1, endLine }) => {
      try {
        const file = await resolveWorkspacePath(workspacePath, path, "read");
        const stat = await fs.stat(file.absolute);
        if (stat.isDirectory()) throw new ToolInputError(`${file.relative} is a directory; use list_files`);
        if (stat.size > MAX_FILE_BYTES)
          throw new ToolInputError(`${file.relative} is ${stat.size} bytes, too large to read; use search_files`);
        const buffer = await fs.readFile(file.absolute);
        if (buffer.subarray(0, 8192).includes(0)) throw new ToolInputError(`${file.relative} is a binary file`);

        const lines = buffer.toString("utf8").split("\n");
        // A trailing newline is not a line of its own.
        if (lines.length > 1 && lines.at(-1) === "") lines.pop();
        const totalLines = lines.length;
        if (startLine > totalLines)
          throw new ToolInputError(`${file.relative} has ${totalLines} lines; startLine ${startLine} is past the end`);
        if (endLine !== undefined && endLine < startLine) throw new ToolInputError("endLine is before startLine");

        let last = Math.min(endLine ?? totalLines, totalLines, startLine + MAX_LINES - 1);
        let content = lines.slice(startLine - 1, last).join("\n");
        if (content.length > MAX_CHARS) {
          // Cut at a line boundary so the model can continue from the next line.
          const kept = content.slice(0, MAX_CHARS).split("\n");
          if (kept.length > 1) kept.pop();
          content = kept.join("\n");
          last = startLine + kept.length - 1;
        }
        const truncated = last < Math.min(endLine ?? totalLines, totalLines);
        return {
          ok: true as const,
          path: file.relative,
          startLine,
          endLine: last,
          totalLines,
          content,
          truncated,
          ...(truncated ? { nextStartLine: last + 1 } : {}),
        };
      } catch (error) {
        return toolFailure("read_file", error);
      }
    },
  });
}
