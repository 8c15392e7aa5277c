// GET /api/v1/projects/{id}/code-index: the state of the project's code index (commit, counts, progress, errors, search mode)
// POST /api/v1/projects/{id}/code-index: sync it now (a branch, or every file again with full); write; 202
import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { loadProjectFor } from "@/lib/api/load-project-for";
import { branchField } from "@/lib/api/run-inputs";
import { apiCodeIndexStatusSchema, toApiCodeIndexStatus } from "@/lib/api/schemas/code-index";
import { idParams } from "@/lib/api/schemas/common";
import { recordAudit } from "@/lib/audit";
import { getCodeIndexStatus } from "@/lib/code-index/get-code-index-status";
import { requestCodeIndexSync } from "@/lib/code-index/request-code-index-sync";
import { assertProjectPinned } from "@/lib/projects/assert-project-pinned";

export const GET = defineRoute({
  method: "GET",
  path: "/projects/{id}/code-index",
  tag: "code",
  summary: "Get a project's code index",
  permission: "read",
  params: idParams,
  response: apiCodeIndexStatusSchema,
  handler: async ({ db, actor, params }) => {
    const project = await loadProjectFor({ db, actor, projectId: params.id, permission: "read" });
    return toApiCodeIndexStatus(await getCodeIndexStatus({ db, project }));
  },
});

export const POST = defineRoute({
  method: "POST",
  path: "/projects/{id}/code-index",
  tag: "code",
  summary: "Sync a project's code index",
  description:
    "Queues a sync of `ref` (default: the project's default branch) to the branch's head: only changed files are " +
    "read, unless `full` asks for every file. Progress shows in GET /projects/{id}/code-index. 503 " +
    "`unavailable:pipeline` when the engine is not reachable.",
  permission: "write",
  status: 202,
  params: idParams,
  body: z.object({ ref: branchField.optional(), full: z.boolean().optional() }).strict().default({}),
  response: z.object({ requested: z.literal(true), ref: z.string() }),
  errors: ["conflict", "unavailable"],
  handler: async ({ db, actor, ip, params, body }) => {
    const project = await loadProjectFor({ db, actor, projectId: params.id, permission: "write" });
    assertProjectPinned(project);
    const ref = body.ref ?? project.defaultBranch;
    await requestCodeIndexSync({ projectId: project.id, ref, full: body.full, reason: "requested" });
    await recordAudit({
      db,
      actor,
      ip,
      teamId: project.teamId,
      action: "code_index.sync_requested",
      targetType: "project",
      targetId: project.id,
      data: { ref, full: body.full ?? false },
    });
    return { requested: true as const, ref };
  },
});
