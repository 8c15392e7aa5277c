// GET /api/v1/validations/{id}: one validation: setup and test commands with output, browser and acceptance checks
import { defineRoute } from "@/lib/api/define-route";
import { loadValidationFor } from "@/lib/api/load-validation-for";
import { idParams } from "@/lib/api/schemas/common";
import { apiValidationSchema, toApiValidation } from "@/lib/api/schemas/validation";

export const GET = defineRoute({
  method: "GET",
  path: "/validations/{id}",
  tag: "validations",
  summary: "Get a validation",
  permission: "read",
  params: idParams,
  response: apiValidationSchema,
  handler: async ({ db, actor, params }) =>
    toApiValidation((await loadValidationFor({ db, actor, validationId: params.id, permission: "read" })).validation),
});
