// GET /api/v1/projects/{id}/search?q=&kind=: the project's code, ranked (symbols, chunks and files with file:line)
import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { loadProjectFor } from "@/lib/api/load-project-for";
import { branchField } from "@/lib/api/run-inputs";
import { apiCodeSearchResultSchema, toApiCodeSearchResult } from "@/lib/api/schemas/code-index";
import { idParams } from "@/lib/api/schemas/common";
import { codeSearchKinds, searchCode } from "@/lib/code-index/search-code";

export const GET = defineRoute({
  method: "GET",
  path: "/projects/{id}/search",
  tag: "code",
  summary: "Search a project's code",
  description:
    "Full-text search over the index's chunks (identifiers split into words), trigram similarity over symbol names " +
    "and paths, and with embeddings configured the nearest chunks by meaning, fused by reciprocal rank. `ref` names " +
    "a branch (default: the project's default branch); a branch not indexed yet is indexed on demand and, until " +
    "then, the default branch answers (`index.ref` says which).",
  permission: "read",
  params: idParams,
  query: z.object({
    q: z.string().trim().min(1, "Type something to search for").max(500),
    kind: z.enum(codeSearchKinds).optional().describe("symbol, chunk (code outside symbols) or file; default all"),
    ref: branchField.optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  }),
  response: apiCodeSearchResultSchema,
  handler: async ({ db, actor, params, query }) => {
    const project = await loadProjectFor({ db, actor, projectId: params.id, permission: "read" });
    const result = await searchCode({
      db,
      project,
      query: query.q,
      kind: query.kind,
      ref: query.ref,
      limit: query.limit,
    });
    return toApiCodeSearchResult(result);
  },
});
