// GET /api/v1/projects/{id}/runs: the project's runs, newest first, paginated
// POST /api/v1/projects/{id}/runs: start a run; write; 201 with the run
import { z } from "zod";
import { getRunsPageByProjectId } from "@/db/queries/runs";
import { actorUserId } from "@/lib/api/actor-user-id";
import { defineRoute } from "@/lib/api/define-route";
import { loadProjectFor } from "@/lib/api/load-project-for";
import { describeMissingBranch } from "@/lib/api/describe-missing-branch";
import { decodeCursor, pageSchema, paginationQuery, toPage } from "@/lib/api/pagination";
import { acceptanceCriteriaField, branchField, goalField, requirementsField } from "@/lib/api/run-inputs";
import { idParams } from "@/lib/api/schemas/common";
import { apiRunSchema, toApiRun } from "@/lib/api/schemas/run";
import { AppError } from "@/lib/platform/errors";
import { assertProjectPinned } from "@/lib/projects/assert-project-pinned";
import { createRun } from "@/lib/runs/create-run";
import { runAgentsFor } from "@/lib/runs/run-agents";
import { agentCandidatesSchema, agentChoiceSchema } from "@/lib/projects/agent-choice-schema";

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
    "Queues the run for the pipeline. A base branch the repository does not have is a 400 `bad_request:baseBranch`; " +
    "when the pipeline engine is not reachable, 503 `unavailable:pipeline`. Either way nothing is started.",
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
      agent: agentChoiceSchema
        .optional()
        .describe(
          "The coding agent of this run (built-in, codex, claude-code, gemini-cli, qwen-code); default the project's",
        ),
      attempts: z
        .number()
        .int()
        .min(1)
        .max(4)
        .optional()
        .describe("Best-of-N: parallel attempts of the agent (1 to 4); they share the run's budget"),
      agents: agentCandidatesSchema
        .optional()
        .describe("Best-of-N with different agents or models: one choice per parallel attempt (1 to 4)"),
    })
    .strict(),
  response: apiRunSchema,
  errors: ["conflict", "unavailable"],
  handler: async ({ db, actor, params, body }) => {
    const project = await loadProjectFor({ db, actor, projectId: params.id, permission: "write" });
    assertProjectPinned(project);
    const branch = body.baseBranch ?? project.defaultBranch;
    const missing = await describeMissingBranch({ db, project, branch });
    if (missing) {
      const hint = body.baseBranch ? "" : " (the project's default branch); name an existing one";
      throw new AppError("bad_request:baseBranch", `baseBranch: ${missing}${hint}`);
    }
    const { agent, agents, attempts, ...rest } = body;
    const runAgents = await runAgentsFor({ db, project, input: { agent, agents, attempts } });
    const run = await createRun({
      db,
      input: {
        ...rest,
        agents: runAgents,
        requirements: body.requirements || null,
        project,
        source: "api",
        createdBy: actorUserId(actor),
      },
    });
    return toApiRun(run);
  },
});
