import fs from "node:fs";
import path from "node:path";
import Box from "@mui/material/Box";
import Grid from "@mui/material/Grid";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { connection } from "next/server";
import { LinkButton } from "@/components/project-card/link-button";
import { NoProjects } from "@/components/project-card/no-projects";
import { ProjectCard } from "@/components/project-card/project-card";
import { ProjectFilters } from "@/components/project-card/project-filters";
import { ProjectSelector } from "@/components/project-selector/project-selector";
import { getDb } from "@/db";
import { getPinnableRepositories } from "@/db/queries/dashboard-repositories";
import { getTeamNames } from "@/db/queries/dashboard-teams";
import { getProjectFacets, getProjectSummaries } from "@/db/queries/project-summaries";
import { can, visibleTeamIds } from "@/lib/auth/actor";
import { requireSessionActor } from "@/lib/auth/get-session-actor";
import { env } from "@/lib/platform/env";
import { getLiveStudioSessionsByProjectIds } from "@/db/queries/studio";
import { startRunAction } from "../actions";
import { CARDS_PAGE, parseDashboardSearchParams } from "../dashboard-search-params";
import { pinProjectAction, unpinProjectAction } from "../projects/actions";
import { scriptedTaskOptions } from "../scripted-task-options";

export const metadata: Metadata = { title: "Projects" };

// Live: the layout's LiveRefresh re-renders this page when any visible project's runs move.
export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const actor = await requireSessionActor({ callbackUrl: "/" });
  const view = parseDashboardSearchParams(await searchParams);
  const db = getDb();
  const teamIds = visibleTeamIds(actor);
  const adminTeamIds = teamIds.filter((teamId) => can(actor, teamId, "admin"));
  const visible = { teamIds, githubRepositories: actor.githubRepositories, query: view.q };
  const [summaries, facets, adminTeams, repositories] = await Promise.all([
    getProjectSummaries({ db, ...visible, status: view.status, limit: view.show + 1 }),
    getProjectFacets({ db, ...visible }),
    getTeamNames({ db, teamIds: adminTeamIds }),
    getPinnableRepositories({ db, teamIds: adminTeamIds }),
  ]);
  const shown = summaries.slice(0, view.show);
  // Live studio sessions of the cards shown: one statement for the page.
  const studioByProject = new Map<string, string[]>();
  for (const session of await getLiveStudioSessionsByProjectIds({
    db: getDb(),
    projectIds: shown.map((summary) => summary.project.id),
  }))
    studioByProject.set(session.projectId, [...(studioByProject.get(session.projectId) ?? []), session.id]);
  const hasMore = summaries.length > view.show;
  const selector =
    adminTeams.length > 0 ? (
      <ProjectSelector teams={adminTeams} repositories={repositories} pinProjectAction={pinProjectAction} />
    ) : null;
  const demoPath = path.join(env.dataDir, "repos", "demo-cart");
  const demoAvailable = adminTeams.length > 0 && fs.existsSync(path.join(demoPath, ".git"));
  const moreHref = `?${new URLSearchParams({ ...(view.q ? { q: view.q } : {}), ...(view.status !== "all" ? { status: view.status } : {}), show: String(view.show + CARDS_PAGE) })}`;

  return (
    <>
      <Box sx={{ display: "flex", alignItems: "center", flexWrap: "wrap", gap: 1.5, mb: 3 }}>
        <Typography variant="h1">Projects</Typography>
        <Typography color="text.secondary" data-testid="pinned-count">
          {view.q ? `${facets.all} matching` : `${facets.all} pinned`}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {/* A search that matches nothing still leaves the way to pin one. */}
        {(facets.all > 0 || view.q) && selector}
      </Box>
      {facets.all === 0 && !view.q ? (
        <NoProjects
          hasTeam={teamIds.length > 0}
          selector={selector}
          demoPath={demoAvailable ? demoPath : null}
          pinProjectAction={pinProjectAction}
        />
      ) : (
        <>
          <ProjectFilters facets={facets} query={view.q} status={view.status} />
          {shown.length === 0 ? (
            <Typography color="text.secondary" role="status">
              No project matches{view.q ? ` “${view.q}”` : ""}
              {view.status !== "all" ? " with this status" : ""}.
            </Typography>
          ) : (
            <Grid container spacing={2} component="section" aria-label="Pinned projects">
              {shown.map((summary) => (
                <Grid key={summary.project.id} size={{ xs: 12, sm: 6, lg: 4 }}>
                  <ProjectCard
                    summary={summary}
                    canStartRun={can(actor, summary.project, "write")}
                    canManage={can(actor, summary.project, "admin")}
                    scriptedTasks={scriptedTaskOptions(summary.project)}
                    startRunAction={startRunAction}
                    unpinProjectAction={unpinProjectAction}
                    studioSessionIds={studioByProject.get(summary.project.id)}
                  />
                </Grid>
              ))}
            </Grid>
          )}
          {hasMore && (
            <Box sx={{ display: "flex", justifyContent: "center", mt: 3 }}>
              <LinkButton href={moreHref} scroll={false} variant="outlined">
                Show more
              </LinkButton>
            </Box>
          )}
        </>
      )}
    </>
  );
}
