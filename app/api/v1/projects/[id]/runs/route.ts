// GET /api/v1/projects/{id}/runs: the project's runs, newest first, paginated
// POST /api/v1/projects/{id}/runs: start a run; write; 201 with the run
import { z } from "zod";
import { getRunsPageByProjectId } from "@/db/queries/runs";
import { actorUserId } from "@/lib/api/actor-user-id";
import { defineRoute } from "@/lib/api/define-route";
import { loadProjectFor } from "@/lib/api/load-project-for";
import { decodeCursor, pageSchema, paginationQuery, toPage } from "@/lib/api/pagination";
import { acceptanceCriteriaField, branchField, goalField, requirementsField } from "@/lib/api/run-inputs";
import { idParams } from "@/lib/api/schemas/common";
import { apiRunSchema, toApiRun } from "@/lib/api/schemas/run";
import { assertProjectPinned } from "@/lib/projects/assert-project-pinned";
import { createRun } from "@/lib/runs/create-run";

export const GET = defineRoute({
  method: "GET",
  path: "/projects/{id}/runs",
  tag: "runs",
  summary: "List a project's runs",
  permission: "read",
  params: idParams,
  query: z.object(paginationQuery),
  response: pageSchema(apiRunSchema),
  handler: async ({ db, actor, params, query }) => {
    const project = await loadProjectFor({ db, actor, projectId: params.id, permission: "read" });
    const rows = await getRunsPageByProjectId({
      db,
      projectId: project.id,
      after: decodeCursor(query.cursor),
      limit: query.limit + 1,
    });
    return toPage(rows, query.limit, (run) => toApiRun(run));
  },
});

export const POST = defineRoute({
  method: "POST",
  path: "/projects/{id}/runs",
  tag: "runs",
  summary: "Start a run",
  description:
    "Queues the run for the pipeline. Answers 503 `unavailable:pipeline` (and starts nothing) when the pipeline engine is not reachable.",
  permission: "write",
  status: 201,
  params: idParams,
  body: z
    .object({
      goal: goalField,
      requirements: requirementsField.optional(),
      acceptanceCriteria: acceptanceCriteriaField.optional(),
      baseBranch: branchField.optional().describe("Defaults to the project's default branch"),
      autoConfirm: z.boolean().optional().describe("Skip plan approval; defaults to the project's autoConfirmPlans"),
    })
    .strict(),
  response: apiRunSchema,
  errors: ["conflict", "unavailable"],
  handler: async ({ db, actor, params, body }) => {
    const project = await loadProjectFor({ db, actor, projectId: params.id, permission: "write" });
    assertProjectPinned(project);
    const run = await createRun({
      db,
      input: {
        ...body,
        requirements: body.requirements || null,
        project,
        source: "api",
        createdBy: actorUserId(actor),
      },
    });
    return toApiRun(run);
  },
});
