// POST /api/v1/runs/{id}/candidates/{index}/pick: make another best-of-N candidate the run's; write; 202 with the run
import { z } from "zod";
import { getRunById } from "@/db/queries/runs";
import { defineRoute } from "@/lib/api/define-route";
import { loadRunFor } from "@/lib/api/load-run-for";
import { apiRunSchema, toApiRun } from "@/lib/api/schemas/run";
import { requestCandidatePick } from "@/lib/runs/request-candidate-pick";

export const POST = defineRoute({
  method: "POST",
  path: "/runs/{id}/candidates/{index}/pick",
  tag: "runs",
  summary: "Pick another best-of-N candidate",
  description:
    "Only while the run is `ready` (its PR open, not merged): the candidate's work replaces the PR's, as a new attempt " +
    "that is validated again (the budget applies); the run is ready again when it passes. A candidate without a " +
    "commit, or the chosen one, is a 409.",
  permission: "write",
  status: 202,
  params: z.object({
    id: z.uuid(),
    index: z.coerce.number().int().min(1).max(4).describe("The candidate's number, 1 to 4"),
  }),
  response: apiRunSchema,
  errors: ["conflict"],
  handler: async ({ db, actor, ip, params }) => {
    const { run } = await loadRunFor({ db, actor, runId: params.id, permission: "write" });
    await requestCandidatePick({ db, runId: run.id, index: params.index, actor, ip });
    return toApiRun((await getRunById({ db, id: run.id })) ?? run);
  },
});
