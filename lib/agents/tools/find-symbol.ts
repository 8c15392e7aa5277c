import { tool } from "ai";
import { z } from "zod";
import type { ToolContext } from "./tool-context";
import { toolFailure } from "./tool-failure";

const symbolKinds = [
  "function",
  "method",
  "class",
  "interface",
  "type",
  "enum",
  "struct",
  "variable",
  "constant",
  "namespace",
] as const;

/** Also a tool of "chat with a project" (lib/chat), which has the index and no workspace. */
export function findSymbol({ codeIndex }: Pick<ToolContext, "codeIndex">) {
  return tool({
    description:
      "Find where a function, class, method, type or constant is defined, by name (exact names first, then similar " +
      "ones). Returns path:line ranges with each definition's first line, from the base branch's indexed commit.",
    inputSchema: z.object({
      name: z.string().min(1).max(200),
      kind: z.enum(symbolKinds).optional(),
    }),
    execute: async ({ name, kind }) => {
      try {
        if (!codeIndex) return { ok: false as const, error: "This project has no code index yet" };
        const symbols = await codeIndex.findSymbol(name, { kind, limit: 20 });
        return {
          ok: true as const,
          symbols: symbols.map((symbol) => ({
            location: `${symbol.path}:${symbol.startLine}-${symbol.endLine}`,
            kind: symbol.kind,
            name: symbol.container ? `${symbol.container}.${symbol.name}` : symbol.name,
            exported: symbol.exported,
            signature: symbol.signature,
          })),
        };
      } catch (error) {
        return toolFailure("find_symbol", error);
      }
    },
  });
}
