import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { connection } from "next/server";
import { InsightsView } from "@/components/insights/insights-view";
import { getDb } from "@/db";
import { getTeamNames } from "@/db/queries/dashboard-teams";
import { getPinnedProjects } from "@/db/queries/projects";
import { can, visibleTeamIds } from "@/lib/auth/actor";
import { requireSessionActor } from "@/lib/auth/get-session-actor";
import { getInsights } from "@/lib/insights/get-insights";
import { insightsDay, resolveInsightsPeriod } from "@/lib/insights/insights-period";
import { teamInsightProjects } from "@/lib/insights/team-insight-projects";
import { utcDay } from "@/lib/insights/utc-day";
import { AppError } from "@/lib/platform/errors";

export const metadata: Metadata = { title: "Insights" };

type Search = Promise<{
  team?: string | string[];
  project?: string | string[];
  from?: string | string[];
  to?: string | string[];
}>;
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);
const day = (value: string | string[] | undefined) => {
  const text = one(value);
  return text && insightsDay.safeParse(text).success ? text : undefined;
};

// A team's insights (?team=, else the person's first team), or one project's (?project=),
// over ?from=..?to= (UTC days; the last 30 by default), read from the daily rollups like
// GET /api/v1/insights.
export default async function InsightsPage({ searchParams }: { searchParams: Search }) {
  await connection();
  const actor = await requireSessionActor({ callbackUrl: "/insights" });
  const search = await searchParams;
  const teamIds = visibleTeamIds(actor);
  const db = getDb();
  const projects = (await getPinnedProjects({ db, teamIds })).filter((project) => can(actor, project, "read"));
  const project = projects.find((candidate) => candidate.id === one(search.project));
  const teamId = project?.teamId ?? teamIds.find((id) => id === one(search.team)) ?? teamIds[0];
  const heading = (
    <Box sx={{ mb: 3 }}>
      <Typography variant="h1">Insights{project ? `: ${project.name}` : ""}</Typography>
      <Typography color="text.secondary">How runs went: outcomes, speed, first-try quality, cost.</Typography>
    </Box>
  );
  if (!teamId) return heading;
  let period: ReturnType<typeof resolveInsightsPeriod>;
  try {
    period = resolveInsightsPeriod({ from: day(search.from), to: day(search.to) });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (
      <>
        {heading}
        <Alert severity="error">{error.message}</Alert>
      </>
    );
  }
  const [report, teams] = await Promise.all([
    project
      ? getInsights({ db, teamId, projectId: project.id, ...period })
      : getInsights({ db, teamId, projectIds: await teamInsightProjects({ db, actor, teamId }), ...period }),
    getTeamNames({ db, teamIds }),
  ]);
  return (
    <>
      {heading}
      <InsightsView
        report={report}
        filters={{ team: teamId, project: project?.id ?? "", from: period.from, to: period.to }}
        teams={teams}
        projects={projects.filter((candidate) => candidate.teamId === teamId).map(({ id, name }) => ({ id, name }))}
        today={utcDay(new Date())}
      />
    </>
  );
}
