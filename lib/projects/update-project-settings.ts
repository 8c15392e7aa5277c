import { isDeepStrictEqual } from "node:util";
import type { Database } from "@/db/client";
import { updateProject } from "@/db/queries/projects";
import type { Project, ProjectSettings } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { env } from "@/lib/platform/env";
import { AppError } from "@/lib/platform/errors";
import { mergeSettings } from "@/lib/projects/merge-settings";
import { projectSettingsSchema } from "@/lib/projects/settings";

/**
 * Applies a partial settings update: deep-merged into the current settings, validated as
 * a whole by projectSettingsSchema (so a merge cannot produce what a full document could
 * not), saved and audited in one transaction. An update that changes nothing writes nothing.
 */
export async function updateProjectSettings({
  db,
  project,
  patch,
  actor,
  ip,
}: {
  db: Database;
  project: Project;
  patch: Record<string, unknown>;
  actor: Actor;
  ip: string | null;
}): Promise<Project> {
  const result = projectSettingsSchema.safeParse(mergeSettings(project.settings, patch));
  if (!result.success) {
    const [issue] = result.error.issues;
    const field = ["settings", ...(issue?.path ?? []).map(String)].join(".");
    throw new AppError(`bad_request:${field}`, `${field}: ${issue?.message ?? "invalid"}`);
  }
  const before = project.settings;
  const after: ProjectSettings = result.data;
  // A stdio MCP server is a command CLI agents start in the sandbox: the server's operator decides whether projects may.
  const stdio = (after.mcpServers ?? []).find((server) => server.command);
  if (stdio && env.MERGELINE_ALLOW_STDIO_MCP !== "true")
    throw new AppError(
      "bad_request:settings.mcpServers",
      `settings.mcpServers: ${stdio.name} is a stdio command, which this server does not allow (MERGELINE_ALLOW_STDIO_MCP)`,
    );
  const changed = (Object.keys(after) as (keyof ProjectSettings)[]).filter(
    (key) => !isDeepStrictEqual(before[key], after[key]),
  );
  if (changed.length === 0) return project;

  return db.transaction(async (tx) => {
    const updated = await updateProject({ db: tx, id: project.id, values: { settings: after } });
    if (!updated) throw new AppError("not_found:project", "Project not found");
    await recordAudit({
      db: tx,
      actor,
      teamId: project.teamId,
      action: "project.settings.updated",
      targetType: "project",
      targetId: project.id,
      data: { changed, before: pick(before, changed), after: pick(after, changed) },
      ip,
    });
    return updated;
  });
}

function pick(settings: ProjectSettings, keys: (keyof ProjectSettings)[]): Partial<ProjectSettings> {
  return Object.fromEntries(keys.map((key) => [key, settings[key]]));
}
