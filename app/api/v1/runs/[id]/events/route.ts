// GET /api/v1/runs/{id}/events?after=<seq>: the run's timeline after a sequence number, in order
import { z } from "zod";
import { getRunEvents } from "@/db/queries/run-events";
import { defineRoute } from "@/lib/api/define-route";
import { loadRunFor } from "@/lib/api/load-run-for";
import { idParams } from "@/lib/api/schemas/common";
import { apiRunEventSchema, toApiRunEvent } from "@/lib/api/schemas/run-event";

export const GET = defineRoute({
  method: "GET",
  path: "/runs/{id}/events",
  tag: "runs",
  summary: "List a run's events",
  description: "Poll with `after` = the last `seq` seen; `lastSeq` says whether more exist.",
  permission: "read",
  params: idParams,
  query: z.object({
    after: z.coerce.number().int().min(0).default(0).describe("Only events with a greater seq"),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  }),
  response: z.object({ data: z.array(apiRunEventSchema), lastSeq: z.number().int().describe("The run's newest seq") }),
  handler: async ({ db, actor, params, query }) => {
    const { run } = await loadRunFor({ db, actor, runId: params.id, permission: "read" });
    const events = await getRunEvents({ db, runId: run.id, after: query.after, limit: query.limit });
    // The run was read before the events: events written in between may be newer than its lastSeq.
    const lastSeq = Math.max(run.lastSeq, events.at(-1)?.seq ?? 0);
    return { data: events.map(toApiRunEvent), lastSeq };
  },
});
