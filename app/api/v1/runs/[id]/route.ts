// GET /api/v1/runs/{id}: a run's state, attempts, budget used, plan, pull request and validations
import { defineRoute } from "@/lib/api/define-route";
import { loadRunFor } from "@/lib/api/load-run-for";
import { idParams } from "@/lib/api/schemas/common";
import { apiRunDetailsSchema, toApiRunDetails } from "@/lib/api/schemas/run-details";
import { getRunDetails } from "@/lib/runs/get-run-details";

export const GET = defineRoute({
  method: "GET",
  path: "/runs/{id}",
  tag: "runs",
  summary: "Get a run",
  permission: "read",
  params: idParams,
  response: apiRunDetailsSchema,
  handler: async ({ db, actor, params }) => {
    const { run } = await loadRunFor({ db, actor, runId: params.id, permission: "read" });
    return toApiRunDetails(await getRunDetails({ db, runId: run.id }));
  },
});
