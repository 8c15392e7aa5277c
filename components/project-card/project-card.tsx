"use client";
import AccountTreeOutlined from "@mui/icons-material/AccountTreeOutlined";
import FolderOutlined from "@mui/icons-material/FolderOutlined";
import GitHub from "@mui/icons-material/GitHub";
import SmartToyOutlined from "@mui/icons-material/SmartToyOutlined";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import CardHeader from "@mui/material/CardHeader";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import CardActions from "@mui/material/CardActions";
import Link from "next/link";
import type { DashboardProject } from "@/db/queries/projects";
import type { LatestRun } from "@/db/queries/runs";
import { stateColor, stateLabels } from "@/components/run/run-stages";
import { RunStepper } from "@/components/run/run-stepper";
import { StartRunDialog } from "@/components/start-run/start-run-dialog";
import { useLiveProjectRuns } from "@/components/realtime/use-live-project-runs";
import { useMemo } from "react";

function modelLabel(model: string | null): string {
  if (!model) return "default model";
  return model === "scripted" ? "scripted model" : model;
}

/** `canStartRun`: whether the viewer may start runs here (viewers may not). */
export function ProjectCard({ project, latestRun: rendered, canStartRun = true }: { project: DashboardProject; latestRun?: LatestRun; canStartRun?: boolean }) {
  // The latest run's state follows the project's realtime events without a page reload.
  const [latestRun] = useLiveProjectRuns(project.id, useMemo(() => (rendered ? [rendered] : []), [rendered]));
  const isLocal = project.provider === "local";
  return (
    <Card component="article" data-testid="project-card" aria-labelledby={`project-${project.id}-name`} sx={{ height: "100%", display: "flex", flexDirection: "column", justifyContent: "space-between" }}>
      <CardHeader
        avatar={isLocal ? <FolderOutlined color="primary" /> : <GitHub />}
        title={
          <Typography id={`project-${project.id}-name`} component="h2" variant="h2" noWrap>
            {project.name}
          </Typography>
        }
        subheader={
          <Tooltip title={project.repository}>
            <Typography variant="body2" color="text.secondary" noWrap sx={{ direction: isLocal ? "rtl" : "ltr", textAlign: "left" }}>
              <bdi>{project.repository}</bdi>
            </Typography>
          </Tooltip>
        }
        slotProps={{ content: { sx: { minWidth: 0 } } }}
      />
      <CardContent sx={{ pt: 0 }}>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: "wrap", mb: 2 }}>
          <Chip size="small" variant="outlined" label={isLocal ? "Local repository" : "GitHub"} />
          <Chip size="small" variant="outlined" icon={<AccountTreeOutlined />} label={project.defaultBranch} />
          <Chip
            size="small"
            variant="outlined"
            color={project.model === "scripted" ? "warning" : "default"}
            icon={<SmartToyOutlined />}
            label={modelLabel(project.model)}
          />
        </Stack>
        {latestRun ? (
          <Stack spacing={1} data-testid="latest-run" data-state={latestRun.state}>
            <Stack direction="row" spacing={1} sx={{ alignItems: "center", minWidth: 0 }}>
              <Chip size="small" label={stateLabels[latestRun.state]} color={stateColor(latestRun.state)} />
              <Link href={`/runs/${latestRun.id}`} style={{ minWidth: 0, color: "inherit" }}>
                <Typography variant="body2" noWrap>
                  {latestRun.goal.split("\n")[0]}
                </Typography>
              </Link>
            </Stack>
            <RunStepper state={latestRun.state} dense />
          </Stack>
        ) : (
          <Typography variant="body2" color="text.secondary">
            No runs yet. Runs started from an issue, this dashboard or the API appear here.
          </Typography>
        )}
      </CardContent>
      <CardActions sx={{ px: 2, pb: 2 }}>
        {canStartRun && <StartRunDialog projectId={project.id} projectName={project.name} />}
      </CardActions>
    </Card>
  );
}
