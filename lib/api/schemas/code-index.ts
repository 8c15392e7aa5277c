import { z } from "zod";
import { type CodeIndex, codeIndexStates } from "@/db/schema";
import type { CodeIndexStatus } from "@/lib/code-index/get-code-index-status";
import type { RepositoryFile } from "@/lib/code-index/read-repository-file";
import { type CodeSearchResult, codeSearchKinds } from "@/lib/code-index/search-code";
import { isoOrNull } from "./common";

export const apiCodeSearchHitSchema = z.object({
  kind: z.enum(codeSearchKinds).describe("symbol: a symbol's code; chunk: code outside symbols; file: a path match"),
  path: z.string(),
  startLine: z.number().int(),
  endLine: z.number().int(),
  language: z.string().nullable(),
  symbol: z
    .object({
      name: z.string(),
      kind: z.string(),
      container: z.string().nullable(),
      exported: z.boolean(),
      signature: z.string(),
    })
    .nullable(),
  snippet: z
    .object({
      startLine: z.number().int().describe("The file line of lines[0]"),
      lines: z.array(z.string()),
      highlights: z
        .array(z.tuple([z.number().int(), z.number().int(), z.number().int()]))
        .describe("[index in lines, from, to): where the query's terms are"),
    })
    .nullable(),
  score: z.number().describe("Reciprocal rank fusion score: only the order means something"),
  matchedBy: z.array(z.enum(["text", "name", "path", "vector"])),
});

export const apiCodeSearchResultSchema = z.object({
  index: z
    .object({
      ref: z.string().describe("The branch the results come from"),
      requestedRef: z.string().describe("The branch asked for: differs from `ref` while it is being indexed"),
      commitSha: z.string().nullable().describe("The commit the index describes"),
      state: z.enum(codeIndexStates),
    })
    .nullable()
    .describe("Null when the project has no index yet"),
  mode: z.enum(["hybrid", "lexical"]),
  hits: z.array(apiCodeSearchHitSchema),
});

export function toApiCodeSearchResult(result: CodeSearchResult): z.input<typeof apiCodeSearchResultSchema> {
  return {
    index: result.index && {
      ref: result.index.ref,
      requestedRef: result.index.requestedRef,
      commitSha: result.index.commitSha,
      state: result.index.state,
    },
    mode: result.mode,
    hits: result.hits.map(({ content: _content, ...hit }) => hit),
  };
}

export const apiCodeIndexSchema = z.object({
  ref: z.string(),
  state: z.enum(codeIndexStates),
  commitSha: z.string().nullable().describe("The commit the index describes"),
  targetSha: z.string().nullable().describe("The commit being indexed, while a sync runs"),
  fileCount: z.number().int(),
  symbolCount: z.number().int(),
  chunkCount: z.number().int(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }).describe("Files of the sync under way"),
  embeddingModel: z.string().nullable(),
  error: z.string().nullable(),
  syncedAt: z.string().nullable(),
});

const toApiCodeIndex = (index: CodeIndex): z.input<typeof apiCodeIndexSchema> => ({
  ref: index.ref,
  state: index.state,
  commitSha: index.commitSha,
  targetSha: index.targetSha,
  fileCount: index.fileCount,
  symbolCount: index.symbolCount,
  chunkCount: index.chunkCount,
  progress: { done: index.progressDone, total: index.progressTotal },
  embeddingModel: index.embeddingModel,
  error: index.error,
  syncedAt: isoOrNull(index.syncedAt),
});

export const apiCodeIndexStatusSchema = z.object({
  search: z.discriminatedUnion("mode", [
    z.object({ mode: z.literal("hybrid"), embeddingModel: z.string() }),
    z.object({ mode: z.literal("lexical"), reason: z.string().describe("Why embeddings are not used") }),
  ]),
  defaultBranch: apiCodeIndexSchema.nullable(),
  branches: z.array(apiCodeIndexSchema),
  fileErrors: z.array(z.object({ path: z.string(), error: z.string() })),
});

export function toApiCodeIndexStatus(status: CodeIndexStatus): z.input<typeof apiCodeIndexStatusSchema> {
  return {
    search: status.search,
    defaultBranch: status.defaultBranch && toApiCodeIndex(status.defaultBranch),
    branches: status.branches.map(toApiCodeIndex),
    fileErrors: status.fileErrors,
  };
}

export const apiRepositoryFileSchema = z.object({
  path: z.string(),
  ref: z.string(),
  commit: z.string(),
  size: z.number().int(),
  language: z.string().nullable(),
  binary: z.boolean(),
  truncated: z.boolean().describe("Larger than 1 MiB: content holds its start"),
  content: z.string().nullable().describe("UTF-8 text; null for a binary file"),
});

export const toApiRepositoryFile = (file: RepositoryFile): z.input<typeof apiRepositoryFileSchema> => file;
