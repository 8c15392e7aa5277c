// POST /api/v1/projects/{id}/preview-share-links: a link that opens one preview or studio app without signing in, until it expires; admin
import { z } from "zod";
import { defineRoute } from "@/lib/api/define-route";
import { loadProjectFor } from "@/lib/api/load-project-for";
import { idParams } from "@/lib/api/schemas/common";
import { createPreviewShareLink } from "@/lib/preview-proxy/create-preview-share-link";

export const POST = defineRoute({
  method: "POST",
  path: "/projects/{id}/preview-share-links",
  tag: "projects",
  summary: "Create a preview share link",
  description:
    "`label` names the preview host: `pr-<number>--<project>` (a pull request's preview) or `studio-<session id>`. The URL is shown once; only its hash is stored.",
  permission: "admin",
  status: 201,
  params: idParams,
  body: z
    .object({
      label: z.string().min(1).max(63),
      expiresInHours: z
        .number()
        .min(0.01)
        .max(30 * 24)
        .default(24),
    })
    .strict(),
  response: z.object({ id: z.uuid(), url: z.string(), expiresAt: z.iso.datetime() }),
  handler: async ({ db, actor, ip, params, body }) => {
    const project = await loadProjectFor({ db, actor, projectId: params.id, permission: "admin" });
    const link = await createPreviewShareLink({
      db,
      project,
      label: body.label,
      expiresInHours: body.expiresInHours,
      actor,
      ip,
    });
    return { id: link.id, url: link.url, expiresAt: link.expiresAt.toISOString() };
  },
});
