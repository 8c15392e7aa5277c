// POST /api/v1/runs/{id}/retry: start a new run with an ended run's goal, requirements and criteria; write; 201 with the new run
import { actorUserId } from "@/lib/api/actor-user-id";
import { defineRoute } from "@/lib/api/define-route";
import { loadRunFor } from "@/lib/api/load-run-for";
import { idParams } from "@/lib/api/schemas/common";
import { apiRunSchema, toApiRun } from "@/lib/api/schemas/run";
import { retryRun } from "@/lib/runs/retry-run";

export const POST = defineRoute({
  method: "POST",
  path: "/runs/{id}/retry",
  tag: "runs",
  summary: "Retry a run",
  description:
    "Only for a run that ended without merging (failed, cancelled, needs_human). The new run gets the project's current budget.",
  permission: "write",
  status: 201,
  params: idParams,
  response: apiRunSchema,
  errors: ["conflict", "unavailable"],
  handler: async ({ db, actor, params }) => {
    const { run, project } = await loadRunFor({ db, actor, runId: params.id, permission: "write" });
    return toApiRun(await retryRun({ db, run, project, createdBy: actorUserId(actor) }));
  },
});
