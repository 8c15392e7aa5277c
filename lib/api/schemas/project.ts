import { z } from "zod";
import type { Project } from "@/db/schema";
import { projectSettingsSchema } from "@/lib/projects/settings";
import { iso, isoDate } from "./common";

export const apiProjectSchema = z.object({
  id: z.uuid(),
  teamId: z.uuid(),
  provider: z.enum(["local", "github"]),
  repository: z.string().describe("A path on disk for local projects, owner/name for GitHub"),
  name: z.string(),
  defaultBranch: z.string(),
  pinned: z.boolean().describe("False once unpinned (DELETE): the project and its runs stay readable"),
  settings: projectSettingsSchema,
  createdAt: isoDate,
  updatedAt: isoDate,
});

export type ApiProject = z.input<typeof apiProjectSchema>;

export function toApiProject(project: Project): ApiProject {
  return {
    id: project.id,
    teamId: project.teamId,
    provider: project.provider,
    repository: project.repository,
    name: project.name,
    defaultBranch: project.defaultBranch,
    pinned: project.pinned,
    settings: project.settings,
    createdAt: iso(project.createdAt),
    updatedAt: iso(project.updatedAt),
  };
}
