// POST /api/v1/validations/{id}/retry: re-run a validation; not supported yet, so always 409 conflict:not_supported (after auth)
import type { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { loadValidationFor } from "@/lib/api/load-validation-for";
import { idParams } from "@/lib/api/schemas/common";
import { apiValidationSchema } from "@/lib/api/schemas/validation";
import { AppError } from "@/lib/platform/errors";

// The pipeline validates inside a run's durable function, attempt by attempt; there is
// no event that re-validates a finished attempt on its own. Saying so beats faking it.
export const POST = defineRoute({
  method: "POST",
  path: "/validations/{id}/retry",
  tag: "validations",
  summary: "Re-run a validation (not supported yet)",
  description: "Answers 409 `conflict:not_supported`. To validate again, retry the run: POST /runs/{id}/retry.",
  permission: "write",
  params: idParams,
  response: apiValidationSchema,
  errors: ["conflict"],
  handler: async ({ db, actor, params }): Promise<z.input<typeof apiValidationSchema>> => {
    const { run } = await loadValidationFor({ db, actor, validationId: params.id, permission: "write" });
    throw new AppError(
      "conflict:not_supported",
      `Re-running a single validation is not supported yet. Retry the run instead: POST /api/v1/runs/${run.id}/retry starts a new run with the same goal.`,
    );
  },
});
