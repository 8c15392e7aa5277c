import InsightsOutlined from "@mui/icons-material/InsightsOutlined";
import SettingsOutlined from "@mui/icons-material/SettingsOutlined";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { connection } from "next/server";
import { LinkButton } from "@/components/project-card/link-button";
import { ProjectHeader } from "@/components/project-card/project-header";
import { ProjectRunsTable } from "@/components/project-card/project-runs-table";
import { StartRunDialog } from "@/components/start-run/start-run-dialog";
import { StudioSessions } from "@/components/studio/studio-sessions";
import { getDb } from "@/db";
import { getRunsPageByProjectId } from "@/db/queries/runs";
import { getStudioSessionsByProjectId } from "@/db/queries/studio";
import { decodeCursor, toPage } from "@/lib/api/pagination";
import { can } from "@/lib/auth/actor";
import { requireSessionActor } from "@/lib/auth/get-session-actor";
import { AppError } from "@/lib/platform/errors";
import { startRunAction } from "../../actions";
import { startStudioSessionAction } from "../../studio/[id]/actions";
import { loadProjectForPage } from "../load-project-for-page";
import { scriptedTaskOptions } from "../../scripted-task-options";
import { sandboxStatus } from "@/lib/sandbox";

export const metadata: Metadata = { title: "Project" };

const PAGE = 25;

export default async function ProjectPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ cursor?: string | string[] }>;
}) {
  await connection();
  const { id } = await params;
  const actor = await requireSessionActor({ callbackUrl: `/projects/${encodeURIComponent(id)}` });
  const project = await loadProjectForPage(actor, id);
  const { cursor } = await searchParams;
  let after;
  try {
    after = decodeCursor(typeof cursor === "string" ? cursor : undefined);
  } catch (error) {
    // A mangled cursor in a shared link shows the first page rather than an error.
    if (!(error instanceof AppError)) throw error;
  }
  const rows = await getRunsPageByProjectId({ db: getDb(), projectId: project.id, after, limit: PAGE + 1 });
  const page = toPage(rows, PAGE, (row) => row);
  const sandbox = sandboxStatus();
  const isAdmin = can(actor, project, "admin");
  const studioSessions = await getStudioSessionsByProjectId({ db: getDb(), projectId: project.id, limit: 10 });

  return (
    <>
      <ProjectHeader
        project={project}
        actions={
          <>
            {can(actor, project, "write") && project.pinned && (
              <StartRunDialog
                projectId={project.id}
                projectName={project.name}
                defaultBranch={project.defaultBranch}
                autoConfirmDefault={project.settings.autoConfirmPlans}
                scriptedTasks={scriptedTaskOptions(project)}
                startRunAction={startRunAction}
              />
            )}
            <LinkButton
              href={`/projects/${project.id}/settings`}
              startIcon={<SettingsOutlined />}
              variant="outlined"
              size="small"
            >
              {isAdmin ? "Settings" : "View settings"}
            </LinkButton>
            <LinkButton
              href={`/insights?project=${project.id}`}
              startIcon={<InsightsOutlined />}
              variant="outlined"
              size="small"
            >
              Insights
            </LinkButton>
          </>
        }
      />
      {sandbox.driver !== "bwrap" && (
        <Alert severity="warning" sx={{ mb: 3 }} data-testid="sandbox-warning">
          No bubblewrap sandbox on this server: this project&apos;s setup and test commands run as plain processes of
          the server&apos;s user. {sandbox.warning}
        </Alert>
      )}
      <StudioSessions
        projectId={project.id}
        sessions={studioSessions}
        canStart={can(actor, project, "write") && project.pinned}
        start={startStudioSessionAction}
      />
      <Paper variant="outlined">
        <Typography variant="h2" sx={{ px: 2, pt: 2, pb: 1 }}>
          Runs
        </Typography>
        {page.data.length === 0 ? (
          <Typography color="text.secondary" sx={{ px: 2, pb: 2 }}>
            {after ? "No older runs." : "No runs yet."}
          </Typography>
        ) : (
          <ProjectRunsTable runs={page.data} />
        )}
        <Box sx={{ display: "flex", gap: 1, justifyContent: "flex-end", p: 1.5 }}>
          {after && (
            <LinkButton href={`/projects/${project.id}`} size="small">
              Newest runs
            </LinkButton>
          )}
          {page.nextCursor && (
            <LinkButton href={`/projects/${project.id}?cursor=${page.nextCursor}`} size="small" variant="outlined">
              Older runs
            </LinkButton>
          )}
        </Box>
      </Paper>
    </>
  );
}
