import FolderOutlined from "@mui/icons-material/FolderOutlined";
import GitHub from "@mui/icons-material/GitHub";
import Box from "@mui/material/Box";
import Breadcrumbs from "@mui/material/Breadcrumbs";
import Typography from "@mui/material/Typography";
import { AppLink } from "@/components/project-card/app-link";
import type { ReactNode } from "react";
import type { Project } from "@/db/schema";

/** The title block of a project's pages: breadcrumbs, name, repository, and page actions. */
export function ProjectHeader({
  project,
  section,
  actions,
}: {
  project: Project;
  section?: string;
  actions?: ReactNode;
}) {
  return (
    <Box sx={{ mb: 3 }}>
      <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 1 }}>
        <AppLink href="/" color="inherit" underline="hover">
          Projects
        </AppLink>
        {section ? (
          <AppLink href={`/projects/${project.id}`} color="inherit" underline="hover">
            {project.name}
          </AppLink>
        ) : (
          <Typography color="text.primary">{project.name}</Typography>
        )}
        {section && <Typography color="text.primary">{section}</Typography>}
      </Breadcrumbs>
      <Box sx={{ display: "flex", alignItems: "center", flexWrap: "wrap", gap: 1.5 }}>
        {project.provider === "local" ? <FolderOutlined color="primary" /> : <GitHub />}
        <Typography variant="h1">{section ? `${project.name}: ${section.toLowerCase()}` : project.name}</Typography>
        <Box sx={{ flex: 1 }} />
        {actions}
      </Box>
      <Typography color="text.secondary" variant="body2" sx={{ mt: 0.5, overflowWrap: "anywhere" }}>
        {project.repository} · {project.defaultBranch}
        {project.pinned ? "" : " · unpinned"}
      </Typography>
    </Box>
  );
}
