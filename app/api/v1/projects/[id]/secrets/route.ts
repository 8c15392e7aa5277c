// GET /api/v1/projects/{id}/secrets: the names and dates of the project's secrets, never their values; admin
import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { loadProjectFor } from "@/lib/api/load-project-for";
import { idParams } from "@/lib/api/schemas/common";
import { apiProjectSecretSchema, toApiProjectSecret } from "@/lib/api/schemas/project-secret";
import { listProjectSecretNames } from "@/lib/secrets";

export const GET = defineRoute({
  method: "GET",
  path: "/projects/{id}/secrets",
  tag: "projects",
  summary: "List a project's secrets",
  permission: "admin",
  params: idParams,
  response: z.object({ data: z.array(apiProjectSecretSchema) }),
  handler: async ({ db, actor, params }) => {
    const project = await loadProjectFor({ db, actor, projectId: params.id, permission: "admin" });
    return { data: (await listProjectSecretNames({ db, projectId: project.id })).map(toApiProjectSecret) };
  },
});
