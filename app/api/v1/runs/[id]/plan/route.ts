// POST /api/v1/runs/{id}/plan: approve (optionally edited) or reject the plan of a run awaiting approval; write; the decided plan
import { z } from "zod";
import { getPlanVersion } from "@/db/queries/runs";
import { actorUserId } from "@/lib/api/actor-user-id";
import { auditAction } from "@/lib/api/audit-action";
import { defineRoute } from "@/lib/api/define-route";
import { loadRunFor } from "@/lib/api/load-run-for";
import { idParams } from "@/lib/api/schemas/common";
import { apiPlanSchema, toApiPlan } from "@/lib/api/schemas/plan";
import { planContentSchema } from "@/lib/ai/plan-schema";
import { AppError } from "@/lib/errors";
import { decidePlan } from "@/lib/runs/decide-plan";

export const POST = defineRoute({
  method: "POST",
  path: "/runs/{id}/plan",
  tag: "runs",
  summary: "Decide a run's plan",
  description: "`approve` with a `plan` approves that edited plan instead of the proposed one; `reject` ends the run with the reason.",
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
    const { run, project } = await loadRunFor({ db, actor, runId: params.id, permission: "write" });
    const { planVersion } = await decidePlan({ db, input: { runId: run.id, ...body, userId: actorUserId(actor) } });
    await auditAction(
      { db, actor, ip },
      {
        teamId: project.teamId,
        action: body.decision === "approve" ? "run.plan.approved" : "run.plan.rejected",
        targetType: "run",
        targetId: run.id,
        data: { planVersion, edited: Boolean(body.plan), reason: body.reason ?? null },
      },
    );
    const plan = await getPlanVersion({ db, runId: run.id, version: planVersion });
    if (!plan) throw new AppError("internal:plan", "The decided plan could not be read back");
    return toApiPlan(plan);
  },
});
