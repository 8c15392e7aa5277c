import fs from "node:fs/promises";
import { tool } from "ai";
import { z } from "zod";
import type { ToolContext } from "./tool-context";
import { ToolInputError, toolFailure } from "./tool-failure";
import { walkWorkspace } from "./walk-workspace";
import { resolveWorkspacePath } from "./workspace-path";

const MAX_FILE_BYTES = 1024 * 1024;
const MAX_FILES = 20_000;
// Regexes run only on the first part of a long line (minified code), which bounds the
// cost of a pathological pattern.
const MAX_LINE_CHARS = 2000;
const SHOWN_LINE_CHARS = 240;

export function searchFiles({ workspacePath }: ToolContext) {
  return tool({
    description:
      "Search the repository's text files for a literal string (default) or a JavaScript regular expression. " +
      "Returns matching lines with file and line number; .git, node_modules, binary and very large files are skipped.",
    inputSchema: z.object({
      query: z.string().min(1).max(500),
      regex: z.boolean().optional().describe("Treat query as a regular expression; default false"),
      caseSensitive: z.boolean().optional().describe("Default true"),
      path: z.string().optional().describe("Directory to search in, relative to the repository root; default the root"),
      maxResults: z.number().int().min(1).max(200).optional().describe("Default 50"),
    }),
    execute: async ({ query, regex = false, caseSensitive = true, path = ".", maxResults = 50 }) => {
      try {
        let matches: (line: string) => boolean;
        if (regex) {
          let pattern: RegExp;
          try {
            pattern = new RegExp(query, caseSensitive ? "" : "i");
          } catch (error) {
            throw new ToolInputError(`Invalid regular expression: ${(error as Error).message}`);
          }
          matches = (line) => pattern.test(line.slice(0, MAX_LINE_CHARS));
        } else {
          const needle = caseSensitive ? query : query.toLowerCase();
          matches = (line) => (caseSensitive ? line : line.toLowerCase()).includes(needle);
        }

        const root = await resolveWorkspacePath(workspacePath, ".", "read");
        const start = await resolveWorkspacePath(workspacePath, path, "read");
        const results: { path: string; line: number; text: string }[] = [];
        let filesSearched = 0;
        let truncated = false;
        search: for await (const entry of walkWorkspace(root.absolute, start.absolute, { recursive: true })) {
          if (entry.kind !== "file") continue;
          if (++filesSearched > MAX_FILES) {
            truncated = true;
            break;
          }
          const stat = await fs.stat(entry.absolute);
          if (stat.size > MAX_FILE_BYTES) continue;
          const buffer = await fs.readFile(entry.absolute);
          if (buffer.subarray(0, 8192).includes(0)) continue;
          const lines = buffer.toString("utf8").split("\n");
          for (let i = 0; i < lines.length; i++) {
            if (!matches(lines[i]!)) continue;
            if (results.length === maxResults) {
              truncated = true;
              break search;
            }
            results.push({ path: entry.relative, line: i + 1, text: lines[i]!.trim().slice(0, SHOWN_LINE_CHARS) });
          }
        }
        return { ok: true as const, query, results, truncated };
      } catch (error) {
        return toolFailure("search_files", error);
      }
    },
  });
}
