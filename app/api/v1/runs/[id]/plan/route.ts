// POST /api/v1/runs/{id}/plan: approve (optionally edited) or reject the plan of a run awaiting approval; write; the decided plan
import { z } from "zod";
import { getPlanVersion } from "@/db/queries/plans";
import { defineRoute } from "@/lib/api/define-route";
import { loadRunFor } from "@/lib/api/load-run-for";
import { idParams } from "@/lib/api/schemas/common";
import { apiPlanSchema, toApiPlan } from "@/lib/api/schemas/plan";
import { planContentSchema } from "@/lib/agents/plan-schema";
import { AppError } from "@/lib/platform/errors";
import { decidePlan } from "@/lib/runs/decide-plan";

export const POST = defineRoute({
  method: "POST",
  path: "/runs/{id}/plan",
  tag: "runs",
  summary: "Decide a run's plan",
  description:
    "`approve` with a `plan` approves that edited plan instead of the proposed one; `reject` ends the run with the reason.",
  permission: "write",
  params: idParams,
  body: z
    .object({
      decision: z.enum(["approve", "reject"]),
      plan: planContentSchema.optional().describe("An edited plan to approve"),
      reason: z.string().trim().max(2000).optional(),
    })
    .strict(),
  response: apiPlanSchema,
  errors: ["conflict"],
  handler: async ({ db, actor, ip, params, body }) => {
    const { run } = await loadRunFor({ db, actor, runId: params.id, permission: "write" });
    const { planVersion } = await decidePlan({ db, actor, ip, input: { runId: run.id, ...body } });
    const plan = await getPlanVersion({ db, runId: run.id, version: planVersion });
    if (!plan) throw new AppError("internal:plan", "The decided plan could not be read back");
    return toApiPlan(plan);
  },
});
