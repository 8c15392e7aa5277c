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
import type { DashboardProject } from "@/db/queries/projects";

function modelLabel(model: string | null): string {
  if (!model) return "default model";
  return model === "scripted" ? "scripted model" : model;
}

export function ProjectCard({ project }: { project: DashboardProject }) {
  const isLocal = project.provider === "local";
  return (
    <Card component="article" data-testid="project-card" aria-labelledby={`project-${project.id}-name`} sx={{ height: "100%" }}>
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
        <Typography variant="body2" color="text.secondary">
          No runs yet. Runs started from an issue, this dashboard or the API appear here.
        </Typography>
      </CardContent>
    </Card>
  );
}
