// GET /api/v1/insights: a team's or a project's figures over a period (daily series and totals), from the daily rollups; read
import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { loadProjectFor } from "@/lib/api/load-project-for";
import { resolveTeamId } from "@/lib/api/resolve-team-id";
import { apiInsightsSchema } from "@/lib/api/schemas/insights";
import { getInsights } from "@/lib/insights/get-insights";
import { insightsDay, resolveInsightsPeriod } from "@/lib/insights/insights-period";
import { teamInsightProjects } from "@/lib/insights/team-insight-projects";

export const GET = defineRoute({
  method: "GET",
  path: "/insights",
  tag: "insights",
  summary: "Insights of a team or a project",
  description:
    "Runs by outcome per day, success rate, time to PR and to merge (p50, p90), first-attempt and fix-attempt pass " +
    "rates, retry success by strategy, auto-merge rate, runs handed to a person, cost and tokens per merged run, " +
    "validation duration and the most frequent failing tests, over UTC days `from`..`to` (default: the last 30 days). " +
    "Each figure counts events on the day they happened (a run on the day it ended, a PR on the day it opened). Read " +
    "from daily rollups kept by the `roll-up-insights` function: at most 5 minutes old (`rolledUpAt`).",
  permission: "read",
  query: z.object({
    projectId: z.uuid().optional().describe("One project; the whole team when absent"),
    teamId: z.uuid().optional().describe("The team, without projectId; optional when the caller has one team"),
    from: insightsDay.optional().describe("First UTC day, YYYY-MM-DD; default 29 days before `to`"),
    to: insightsDay.optional().describe("Last UTC day, YYYY-MM-DD; default today"),
  }),
  response: apiInsightsSchema,
  handler: async ({ db, actor, query }) => {
    const period = resolveInsightsPeriod({ from: query.from, to: query.to });
    if (query.projectId) {
      const project = await loadProjectFor({ db, actor, projectId: query.projectId, permission: "read" });
      return getInsights({ db, teamId: project.teamId, projectId: project.id, ...period });
    }
    const teamId = resolveTeamId(actor, query.teamId, "read");
    const projectIds = await teamInsightProjects({ db, actor, teamId });
    return getInsights({ db, teamId, projectIds, ...period });
  },
});
