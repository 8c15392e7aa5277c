// POST /api/v1/runs/{id}/merge: ask the pipeline to merge a ready run; write; 202 with the run
import { getRunById } from "@/db/queries/runs";
import { defineRoute } from "@/lib/api/define-route";
import { loadRunFor } from "@/lib/api/load-run-for";
import { idParams } from "@/lib/api/schemas/common";
import { apiRunSchema, toApiRun } from "@/lib/api/schemas/run";
import { requestMerge } from "@/lib/runs/request-run-action";

export const POST = defineRoute({
  method: "POST",
  path: "/runs/{id}/merge",
  tag: "runs",
  summary: "Merge a ready run",
  description:
    "Accepted, not done: the run moves to `merging` and then `merged`, or to `needs_human` if git refuses the merge.",
  permission: "write",
  status: 202,
  params: idParams,
  response: apiRunSchema,
  errors: ["conflict"],
  handler: async ({ db, actor, ip, params }) => {
    const { run } = await loadRunFor({ db, actor, runId: params.id, permission: "write" });
    await requestMerge({ db, runId: run.id, actor, ip });
    return toApiRun((await getRunById({ db, id: run.id })) ?? run);
  },
});
