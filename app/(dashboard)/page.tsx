import Box from "@mui/material/Box";
import Grid from "@mui/material/Grid";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { connection } from "next/server";
import { ProjectCard } from "@/components/project-card/project-card";
import { getDb } from "@/db";
import { getPinnedProjects } from "@/db/queries/projects";
import { getLatestRunsByProjectIds } from "@/db/queries/runs";
import { LiveRefresh } from "@/components/realtime/live-refresh";
import { can, visibleTeamIds } from "@/lib/auth/actor";
import { requireSessionActor } from "@/lib/auth/get-session-actor";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Projects" };

export default async function DashboardPage() {
  await connection();
  const actor = await requireSessionActor({ callbackUrl: "/" });
  const db = getDb();
  const teamIds = visibleTeamIds(actor);
  const projects = await getPinnedProjects({ db, teamIds });
  const latestRuns = await getLatestRunsByProjectIds({ db, projectIds: projects.map((project) => project.id) });
  return (
    <>
      <LiveRefresh projectIds={projects.map((project) => project.id)} realtimeUrl={env.REALTIME_PUBLIC_URL ?? null} realtimePort={env.REALTIME_PORT} />
      <Box sx={{ display: "flex", alignItems: "baseline", gap: 1.5, mb: 3 }}>
        <Typography variant="h1">Projects</Typography>
        <Typography color="text.secondary">{projects.length} pinned</Typography>
      </Box>
      {projects.length === 0 ? (
        <Paper variant="outlined" sx={{ p: 4, textAlign: "center" }}>
          <Typography variant="h2" gutterBottom>
            No pinned projects yet
          </Typography>
          <Typography color="text.secondary">
            {teamIds.length === 0 ? (
              "You are not a member of any team yet. Ask a team admin to add you."
            ) : (
              <>
                Pin a repository with <code>POST /api/v1/projects</code> to see it here as a card.
              </>
            )}
          </Typography>
        </Paper>
      ) : (
        <Grid container spacing={2} component="section" aria-label="Pinned projects">
          {projects.map((project) => (
            <Grid key={project.id} size={{ xs: 12, sm: 6, lg: 4 }}>
              <ProjectCard project={project} latestRun={latestRuns.get(project.id)} canStartRun={can(actor, project.teamId, "write")} />
            </Grid>
          ))}
        </Grid>
      )}
    </>
  );
}
