// PUT /api/v1/projects/{id}/secrets/{name}: create or replace a secret (encrypted at rest, audited without its value); admin
// DELETE /api/v1/projects/{id}/secrets/{name}: delete a secret (audited); admin
import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { loadProjectFor } from "@/lib/api/load-project-for";
import { apiProjectSecretSchema, secretParams, toApiProjectSecret } from "@/lib/api/schemas/project-secret";
import { putProjectSecret } from "@/lib/projects/put-project-secret";
import { removeProjectSecret } from "@/lib/projects/remove-project-secret";

export const PUT = defineRoute({
  method: "PUT",
  path: "/projects/{id}/secrets/{name}",
  tag: "projects",
  summary: "Set a project secret",
  description:
    "The value becomes an environment variable of the sandbox that runs the project's commands. It is never returned.",
  permission: "admin",
  params: secretParams,
  body: z.object({ value: z.string().describe("At most 32 KB of UTF-8, no NUL") }).strict(),
  response: apiProjectSecretSchema,
  errors: ["unavailable"],
  handler: async ({ db, actor, ip, params, body }) => {
    const project = await loadProjectFor({ db, actor, projectId: params.id, permission: "admin" });
    return toApiProjectSecret(await putProjectSecret({ db, project, name: params.name, value: body.value, actor, ip }));
  },
});

export const DELETE = defineRoute({
  method: "DELETE",
  path: "/projects/{id}/secrets/{name}",
  tag: "projects",
  summary: "Delete a project secret",
  permission: "admin",
  params: secretParams,
  response: z.object({ name: z.string(), deleted: z.literal(true) }),
  handler: async ({ db, actor, ip, params }) => {
    const project = await loadProjectFor({ db, actor, projectId: params.id, permission: "admin" });
    await removeProjectSecret({ db, project, name: params.name, actor, ip });
    return { name: params.name, deleted: true as const };
  },
});
