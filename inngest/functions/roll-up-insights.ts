import { getDb } from "@/db";
import { recomputeInsightRollups, setRollupCompleteThrough } from "@/db/queries/insight-rollups";
import { getProjectById } from "@/db/queries/projects";
import { inngest } from "@/lib/inngest/client";
import { insightsRollupRequested, runStateChanged } from "@/lib/inngest/events";
import { planInsightRollups } from "@/lib/insights/plan-insight-rollups";
import { utcDay } from "@/lib/insights/utc-day";

// Keeps the insights' daily rollups (lib/insights): every 5 minutes, the days since the last
// final one (all of history the first time, a chunk per step); and at once for a project (and
// its team's totals) when one of its runs ends, so the page is fresh without ever reading the
// runs themselves. A run's pull request and validations count when it ends, or at the next
// 5-minute pass while it is still going: recomputing at each of them tripled the rollups per
// run, on the database the pipeline waits for. One at a time: rollups are rewritten whole.
export const rollUpInsights = inngest.createFunction(
  {
    id: "roll-up-insights",
    triggers: [
      { cron: "*/5 * * * *" },
      {
        event: runStateChanged,
        if: "event.data.to == 'merged' || event.data.to == 'failed' || event.data.to == 'cancelled' || event.data.to == 'needs_human'",
      },
      insightsRollupRequested,
    ],
    concurrency: [{ limit: 1 }],
    retries: 3,
  },
  async ({ event, step }) => {
    const data = event.data as { projectId?: string; teamId?: string };
    if (data.projectId || data.teamId) {
      // Today's rows of the team (and the event's day, when it was yesterday already).
      const at = new Date(event.ts ?? Date.now());
      return step.run("roll-up-team", async () => {
        const db = getDb();
        const teamId = data.teamId ?? (await getProjectById({ db, id: data.projectId ?? "" }))?.teamId;
        if (!teamId) return { rows: 0 };
        // A project's event redoes that project's rows and the team's from its projects' rows:
        // the cost of one run's change does not grow with the rest of its team's day.
        const projectId = data.teamId ? undefined : data.projectId;
        return {
          rows: await recomputeInsightRollups({ db, teamId, projectId, from: utcDay(at), to: utcDay(new Date()) }),
        };
      });
    }
    const plan = await step.run("plan", () => planInsightRollups({ db: getDb() }));
    let rows = 0;
    for (const chunk of plan.chunks)
      rows += await step.run(`roll-up-${chunk.from}`, () => recomputeInsightRollups({ db: getDb(), ...chunk }));
    await step.run("mark-final", () => setRollupCompleteThrough({ db: getDb(), day: plan.completeThrough }));
    return { rows, days: plan.chunks };
  },
);
