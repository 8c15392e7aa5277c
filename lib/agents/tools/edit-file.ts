import fs from "node:fs/promises";
import { tool } from "ai";
import { z } from "zod";
import type { ToolContext } from "./tool-context";
import { ToolInputError, toolFailure } from "./tool-failure";
import { resolveWorkspacePath } from "./workspace-path";

// Overlapping matches count too: "aa" in "aaa" is ambiguous, so it is refused.
function countOccurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}

export function editFile({ workspacePath }: ToolContext) {
  return tool({
    description:
      "Replace one exact piece of text in a file. oldText must appear exactly once in the file (include enough " +
      "surrounding lines to make it unique, with the file's exact whitespace); it is replaced by newText.",
    inputSchema: z.object({
      path: z.string().describe("File path relative to the repository root"),
      oldText: z.string().min(1).describe("Exact text to replace; must match exactly once"),
      newText: z.string().describe("Replacement text"),
    }),
    execute: async ({ path, oldText, newText }) => {
      try {
        const file = await resolveWorkspacePath(workspacePath, path, "read");
        const content = await fs.readFile(file.absolute, "utf8");
        const count = countOccurrences(content, oldText);
        if (count === 0) {
          throw new ToolInputError(
            `oldText was not found in ${file.relative}; read the file and copy the text exactly, whitespace included`,
          );
        }
        if (count > 1) {
          throw new ToolInputError(
            `oldText matches ${count} times in ${file.relative}; include more surrounding text so it matches once`,
          );
        }
        const at = content.indexOf(oldText);
        await fs.writeFile(file.absolute, content.slice(0, at) + newText + content.slice(at + oldText.length), "utf8");
        return { ok: true as const, path: file.relative, line: content.slice(0, at).split("\n").length };
      } catch (error) {
        return toolFailure("edit_file", error);
      }
    },
  });
}
