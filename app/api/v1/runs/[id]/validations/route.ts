// GET /api/v1/runs/{id}/validations: the run's validations, one per attempt, oldest first
import { z } from "zod";
import { getValidationsByRunId } from "@/db/queries/validations";
import { defineRoute } from "@/lib/api/define-route";
import { loadRunFor } from "@/lib/api/load-run-for";
import { idParams } from "@/lib/api/schemas/common";
import { apiValidationSchema, toApiValidation } from "@/lib/api/schemas/validation";

export const GET = defineRoute({
  method: "GET",
  path: "/runs/{id}/validations",
  tag: "validations",
  summary: "List a run's validations",
  permission: "read",
  params: idParams,
  response: z.object({ data: z.array(apiValidationSchema) }),
  handler: async ({ db, actor, params }) => {
    const { run } = await loadRunFor({ db, actor, runId: params.id, permission: "read" });
    return { data: (await getValidationsByRunId({ db, runId: run.id })).map(toApiValidation) };
  },
});
