import { tool } from "ai";
import { z } from "zod";
import { codeSearchKinds } from "@/lib/code-index/search-code";
import type { ToolContext } from "./tool-context";
import { toolFailure } from "./tool-failure";

const MAX_LINE = 200;

/** Also a tool of "chat with a project" (lib/chat), which has the index and no workspace. */
export function searchCode({ codeIndex }: Pick<ToolContext, "codeIndex">) {
  return tool({
    description:
      "Search the repository's code index by meaning and by name: functions, classes, methods and types whose name or " +
      "code matches the query (identifiers are split, so `user name` finds getUserName), and file paths. Returns ranked " +
      "results with path:line ranges and a snippet. The index describes the base branch's last indexed commit: read a " +
      "file before you edit it, it may have changed in this checkout.",
    inputSchema: z.object({
      query: z.string().min(1).max(300).describe("Words, an identifier, or a path fragment"),
      kind: z.enum(codeSearchKinds).optional().describe("symbol, chunk (code outside symbols) or file; default all"),
      limit: z.number().int().min(1).max(30).optional().describe("Default 10"),
    }),
    execute: async ({ query, kind, limit = 10 }) => {
      try {
        if (!codeIndex) return { ok: false as const, error: "This project has no code index yet" };
        const result = await codeIndex.search(query, { kind, limit });
        return {
          ok: true as const,
          indexedCommit: result.index?.commitSha ?? null,
          results: result.hits.map((hit) => ({
            location: `${hit.path}:${hit.startLine}-${hit.endLine}`,
            kind: hit.kind,
            ...(hit.symbol
              ? {
                  symbol: `${hit.symbol.kind} ${hit.symbol.container ? `${hit.symbol.container}.` : ""}${hit.symbol.name}`,
                }
              : {}),
            ...(hit.snippet
              ? {
                  snippet: hit.snippet.lines
                    .map((line, i) => `${hit.snippet!.startLine + i}: ${line.slice(0, MAX_LINE)}`)
                    .join("\n"),
                }
              : {}),
          })),
        };
      } catch (error) {
        return toolFailure("search_code", error);
      }
    },
  });
}
