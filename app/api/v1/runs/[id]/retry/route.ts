// POST /api/v1/runs/{id}/retry: start a new run with an ended run's goal, requirements and criteria (and a chosen retry strategy); write; 201 with the new run
import { actorUserId } from "@/lib/api/actor-user-id";
import { defineRoute } from "@/lib/api/define-route";
import { loadRunFor } from "@/lib/api/load-run-for";
import { idParams } from "@/lib/api/schemas/common";
import { apiRunSchema, toApiRun } from "@/lib/api/schemas/run";
import { retryRun } from "@/lib/runs/retry-run";
import { retryStrategyNames } from "@/lib/projects/settings";
import { z } from "zod";

export const POST = defineRoute({
  method: "POST",
  path: "/runs/{id}/retry",
  tag: "runs",
  summary: "Retry a run",
  description:
    "Only for a run that ended without merging (failed, cancelled, needs_human). The new run gets the project's current budget. " +
    "With `strategy`, its first attempt starts from this run's evidence that way: `regenerate_prompt` (same approach, a fresh " +
    "prompt with the evidence), `different_approach` (the tried approach and its failed diff shown, another route asked for), " +
    "`simplified_scope` (the plan narrowed to what the acceptance checks need; the rest becomes follow-up suggestions).",
  permission: "write",
  status: 201,
  params: idParams,
  body: z
    .object({
      strategy: z.enum(retryStrategyNames).optional().describe("The retry strategy of the new run's first attempt"),
    })
    .strict()
    .optional(),
  response: apiRunSchema,
  errors: ["conflict", "unavailable"],
  handler: async ({ db, actor, params, body }) => {
    const { run, project } = await loadRunFor({ db, actor, runId: params.id, permission: "write" });
    return toApiRun(await retryRun({ db, run, project, createdBy: actorUserId(actor), strategy: body?.strategy }));
  },
});
