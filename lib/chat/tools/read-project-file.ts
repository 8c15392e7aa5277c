import { tool } from "ai";
import { z } from "zod";
import type { Database } from "@/db/client";
import type { Project } from "@/db/schema";
import { readRepositoryFile } from "@/lib/code-index/read-repository-file";
import { AppError } from "@/lib/platform/errors";

const MAX_LINES = 300;

/** read_file for chat: lines of a file, numbered, at the commit the index describes (so search's lines match). */
export function readProjectFile({ db, project, commit }: { db: Database; project: Project; commit: string | null }) {
  return tool({
    description:
      "Read lines of a file of the repository (at the commit the code index describes), numbered. At most 300 lines " +
      "at a time: give startLine and endLine for a part of a long file.",
    inputSchema: z.object({
      path: z.string().min(1).max(1000).describe("Relative to the repository root"),
      startLine: z.number().int().min(1).optional(),
      endLine: z.number().int().min(1).optional(),
    }),
    execute: async ({ path, startLine = 1, endLine }) => {
      try {
        const file = await readRepositoryFile({ db, project, path, ref: commit ?? undefined });
        if (file.binary || file.content === null) return { ok: false as const, error: `${file.path} is a binary file` };
        const lines = file.content.split("\n");
        const last = Math.min(lines.length, endLine ?? startLine + MAX_LINES - 1, startLine + MAX_LINES - 1);
        return {
          ok: true as const,
          path: file.path,
          commit: file.commit,
          lines: `${startLine}-${last} of ${lines.length}`,
          content: lines
            .slice(startLine - 1, last)
            .map((line, i) => `${startLine + i}: ${line}`)
            .join("\n"),
        };
      } catch (error) {
        if (error instanceof AppError) return { ok: false as const, error: error.message };
        throw error;
      }
    },
  });
}
