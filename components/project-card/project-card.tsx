import AccountTreeOutlined from "@mui/icons-material/AccountTreeOutlined";
import FolderOutlined from "@mui/icons-material/FolderOutlined";
import GitHub from "@mui/icons-material/GitHub";
import NotificationsActiveOutlined from "@mui/icons-material/NotificationsActiveOutlined";
import SmartToyOutlined from "@mui/icons-material/SmartToyOutlined";
import Card from "@mui/material/Card";
import CardActions from "@mui/material/CardActions";
import CardContent from "@mui/material/CardContent";
import CardHeader from "@mui/material/CardHeader";
import Chip from "@mui/material/Chip";
import Divider from "@mui/material/Divider";
import Stack from "@mui/material/Stack";
import { AppLink } from "@/components/project-card/app-link";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import type { ProjectSummary } from "@/db/queries/project-summaries";
import type { ScriptedTaskOption } from "@/components/start-run/scripted-task-picker";
import { type StartRunAction, StartRunDialog } from "@/components/start-run/start-run-dialog";
import { ProjectActivity } from "./project-activity";
import { ProjectCardMenu, type UnpinProjectAction } from "./project-card-menu";
import { ProjectMetrics } from "./project-metrics";

function modelLabel(model: string | null): string {
  if (!model) return "default model";
  return model === "scripted" ? "scripted model" : model;
}

/** A pinned project: what runs now, how it went lately. `canStartRun`: member or admin; `canManage`: admin. */
export function ProjectCard({
  summary,
  canStartRun = true,
  canManage = false,
  scriptedTasks = null,
  startRunAction,
  unpinProjectAction,
  studioSessionIds = [],
}: {
  summary: ProjectSummary;
  /** Live studio sessions of the project, newest first. */
  studioSessionIds?: string[];
  canStartRun?: boolean;
  canManage?: boolean;
  /** What the project's scripted model can do (the start-run dialog lists it); null otherwise. */
  scriptedTasks?: ScriptedTaskOption[] | null;
  startRunAction: StartRunAction;
  unpinProjectAction: UnpinProjectAction;
}) {
  const { project } = summary;
  const isLocal = project.provider === "local";
  return (
    <Card
      component="article"
      data-testid="project-card"
      data-project-id={project.id}
      aria-labelledby={`project-${project.id}-name`}
      sx={{ height: "100%", display: "flex", flexDirection: "column" }}
    >
      <CardHeader
        avatar={isLocal ? <FolderOutlined color="primary" /> : <GitHub />}
        action={
          canManage ? (
            <ProjectCardMenu
              projectId={project.id}
              projectName={project.name}
              unpinProjectAction={unpinProjectAction}
            />
          ) : undefined
        }
        title={
          <Typography id={`project-${project.id}-name`} component="h2" variant="h2" noWrap>
            <AppLink href={`/projects/${project.id}`} color="inherit" underline="hover">
              {project.name}
            </AppLink>
          </Typography>
        }
        subheader={
          <Tooltip title={project.repository}>
            <Typography
              variant="body2"
              color="text.secondary"
              noWrap
              sx={{ direction: isLocal ? "rtl" : "ltr", textAlign: "left" }}
            >
              <bdi>{project.repository}</bdi>
            </Typography>
          </Tooltip>
        }
        slotProps={{ content: { sx: { minWidth: 0 } } }}
      />
      <CardContent sx={{ pt: 0, flex: 1 }}>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: "wrap", mb: 2 }}>
          <Chip size="small" variant="outlined" label={isLocal ? "Local repository" : "GitHub"} />
          <Chip size="small" variant="outlined" icon={<AccountTreeOutlined />} label={project.defaultBranch} />
          <Chip
            size="small"
            variant="outlined"
            color={project.settings.model === "scripted" ? "warning" : "default"}
            icon={<SmartToyOutlined />}
            label={modelLabel(project.settings.model)}
          />
          {studioSessionIds.length > 0 && (
            <Chip
              size="small"
              color="info"
              component="a"
              clickable
              href={`/studio/${studioSessionIds[0]}`}
              label={`${studioSessionIds.length} studio session${studioSessionIds.length === 1 ? "" : "s"}`}
              data-testid="studio-sessions"
            />
          )}
          {summary.attentionCount > 0 && (
            <Chip
              size="small"
              color="warning"
              icon={<NotificationsActiveOutlined />}
              label={`${summary.attentionCount} need${summary.attentionCount === 1 ? "s" : ""} a person`}
              data-testid="attention"
            />
          )}
        </Stack>
        <ProjectActivity
          summary={{
            projectId: project.id,
            activeRuns: summary.activeRuns,
            activeRunCount: summary.activeRunCount,
            latestRun: summary.latestRun,
            lastPullRequest: summary.lastPullRequest,
            lastValidation: summary.lastValidation,
          }}
        />
      </CardContent>
      <Divider />
      <CardContent sx={{ py: 1.5 }}>
        <ProjectMetrics summary={summary} />
      </CardContent>
      <CardActions sx={{ px: 2, pb: 2, pt: 0, gap: 1 }}>
        {canStartRun && (
          <StartRunDialog
            projectId={project.id}
            projectName={project.name}
            defaultBranch={project.defaultBranch}
            autoConfirmDefault={project.settings.autoConfirmPlans}
            scriptedTasks={scriptedTasks}
            startRunAction={startRunAction}
          />
        )}
        <AppLink href={`/projects/${project.id}`} variant="body2" sx={{ ml: "auto !important" }}>
          All runs
        </AppLink>
      </CardActions>
    </Card>
  );
}
