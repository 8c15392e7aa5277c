// GET /api/v1/projects/{id}: one project with its settings
// PATCH /api/v1/projects/{id}: update settings (deep-merged, validated whole, audited); admin
// DELETE /api/v1/projects/{id}: unpin the project (its runs stay readable); admin
import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { loadProjectFor } from "@/lib/api/load-project-for";
import { idParams } from "@/lib/api/schemas/common";
import { apiProjectSchema, toApiProject } from "@/lib/api/schemas/project";
import { settingsPatchSchema } from "@/lib/api/schemas/settings-patch";
import { unpinProject } from "@/lib/projects/unpin-project";
import { updateProjectSettings } from "@/lib/projects/update-project-settings";

export const GET = defineRoute({
  method: "GET",
  path: "/projects/{id}",
  tag: "projects",
  summary: "Get a project",
  permission: "read",
  params: idParams,
  response: apiProjectSchema,
  handler: async ({ db, actor, params }) =>
    toApiProject(await loadProjectFor({ db, actor, projectId: params.id, permission: "read" })),
});

export const PATCH = defineRoute({
  method: "PATCH",
  path: "/projects/{id}",
  tag: "projects",
  summary: "Update a project's settings",
  description:
    "Send only what changes: objects merge key by key, arrays and values replace. The result is validated as a whole.",
  permission: "admin",
  params: idParams,
  body: z.object({ settings: settingsPatchSchema }).strict(),
  response: apiProjectSchema,
  handler: async ({ db, actor, ip, params, body }) => {
    const project = await loadProjectFor({ db, actor, projectId: params.id, permission: "admin" });
    return toApiProject(await updateProjectSettings({ db, project, patch: body.settings, actor, ip }));
  },
});

export const DELETE = defineRoute({
  method: "DELETE",
  path: "/projects/{id}",
  tag: "projects",
  summary: "Unpin a project",
  description: "Takes the card off the dashboard; nothing is deleted. Pinning the repository again restores it.",
  permission: "admin",
  params: idParams,
  response: apiProjectSchema,
  handler: async ({ db, actor, ip, params }) => {
    const project = await loadProjectFor({ db, actor, projectId: params.id, permission: "admin" });
    return toApiProject(await unpinProject({ db, project, actor, ip }));
  },
});
