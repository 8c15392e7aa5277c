// POST /api/v1/runs/{id}/cancel: ask the pipeline to cancel a run that has not ended; write; 202 with the run
import { z } from "zod";
import { getRunById } from "@/db/queries/runs";
import { defineRoute } from "@/lib/api/define-route";
import { loadRunFor } from "@/lib/api/load-run-for";
import { idParams } from "@/lib/api/schemas/common";
import { apiRunSchema, toApiRun } from "@/lib/api/schemas/run";
import { requestCancel } from "@/lib/runs/request-run-action";

export const POST = defineRoute({
  method: "POST",
  path: "/runs/{id}/cancel",
  tag: "runs",
  summary: "Cancel a run",
  description:
    "Accepted, not done: the run moves to `cancelled` when the pipeline has stopped its work (watch its events).",
  permission: "write",
  status: 202,
  params: idParams,
  body: z
    .object({ reason: z.string().trim().max(2000).optional() })
    .strict()
    .default({}),
  response: apiRunSchema,
  errors: ["conflict"],
  handler: async ({ db, actor, ip, params, body }) => {
    const { run } = await loadRunFor({ db, actor, runId: params.id, permission: "write" });
    await requestCancel({ db, runId: run.id, reason: body.reason, actor, ip });
    return toApiRun((await getRunById({ db, id: run.id })) ?? run);
  },
});
