// GET /api/v1/projects/{id}/file?path=&ref=: a file of the project's repository at a branch or commit
import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { loadProjectFor } from "@/lib/api/load-project-for";
import { apiRepositoryFileSchema, toApiRepositoryFile } from "@/lib/api/schemas/code-index";
import { idParams } from "@/lib/api/schemas/common";
import { readRepositoryFile } from "@/lib/code-index/read-repository-file";

export const GET = defineRoute({
  method: "GET",
  path: "/projects/{id}/file",
  tag: "code",
  summary: "Read a file of a project's repository",
  description:
    "`ref` is a branch (its head now) or a full commit sha (e.g. a search result's `index.commitSha`, for a link " +
    "that never moves); default the project's default branch. Text up to 1 MiB; a binary file has no content.",
  permission: "read",
  params: idParams,
  query: z.object({
    path: z.string().min(1).max(1000).describe("Relative to the repository root"),
    ref: z.string().trim().min(1).max(200).optional(),
  }),
  response: apiRepositoryFileSchema,
  handler: async ({ db, actor, params, query }) => {
    const project = await loadProjectFor({ db, actor, projectId: params.id, permission: "read" });
    return toApiRepositoryFile(await readRepositoryFile({ db, project, path: query.path, ref: query.ref }));
  },
});
