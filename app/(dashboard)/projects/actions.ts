"use server";
import path from "node:path";
import { z } from "zod";
import { getDb } from "@/db";
import { getProjectById } from "@/db/queries/projects";
import { parseActionInput } from "@/lib/api/parse-action-input";
import { resolveTeamId } from "@/lib/api/resolve-team-id";
import { settingsPatchSchema } from "@/lib/api/schemas/settings-patch";
import { mergeSettings } from "@/lib/projects/merge-settings";
import { pinProject } from "@/lib/projects/pin-project";
import { putProjectSecret } from "@/lib/projects/put-project-secret";
import { removeProjectSecret } from "@/lib/projects/remove-project-secret";
import { projectSettingsSchema } from "@/lib/projects/settings";
import { unpinProject } from "@/lib/projects/unpin-project";
import { updateProjectSettings } from "@/lib/projects/update-project-settings";
import { SECRET_NAME_PATTERN } from "@/lib/secrets";
import {
  type ActionResult,
  attempt,
  authorizedProject,
  FieldError,
  fieldErrorsOf,
  signedInActor,
} from "../action-helpers";

// Project actions of the dashboard, admin only, each a thin wrapper over lib/projects
// (which audits in the same transaction as the change), with the same rules as the REST
// API's /projects routes.

const pinInput = z.discriminatedUnion("provider", [
  z.object({
    provider: z.literal("local"),
    repository: z
      .string()
      .trim()
      .min(1, "Enter the path of a git repository")
      .max(4096)
      .refine((value) => path.isAbsolute(value), "Must be an absolute path"),
    teamId: z.uuid().optional(),
  }),
  z.object({
    provider: z.literal("github"),
    repository: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/, "Must be owner/name"),
    teamId: z.uuid().optional(),
  }),
]);

export async function pinProjectAction(input: z.input<typeof pinInput>): Promise<ActionResult<{ projectId: string }>> {
  return attempt(async () => {
    const actor = await signedInActor();
    const data = parseActionInput(pinInput, input);
    const teamId = resolveTeamId(actor, data.teamId, "admin");
    const { project } = await pinProject({
      db: getDb(),
      actor,
      ip: actor.ip,
      input: { teamId, provider: data.provider, repository: data.repository },
    });
    return { projectId: project.id };
  });
}

const projectInput = z.object({ projectId: z.uuid() });

async function adminProject(projectId: string) {
  const actor = await signedInActor();
  const project = authorizedProject(actor, await getProjectById({ db: getDb(), id: projectId }), "admin");
  return { actor, project };
}

export async function unpinProjectAction(input: z.input<typeof projectInput>): Promise<ActionResult> {
  return attempt(async () => {
    const { projectId } = parseActionInput(projectInput, input);
    const { actor, project } = await adminProject(projectId);
    await unpinProject({ db: getDb(), project, actor, ip: actor.ip });
    return {};
  });
}

const settingsInput = z.object({ projectId: z.uuid(), settings: settingsPatchSchema });

export async function updateProjectSettingsAction(
  input: z.input<typeof settingsInput>,
): Promise<ActionResult<{ changed: boolean }>> {
  return attempt(async () => {
    const data = parseActionInput(settingsInput, input);
    const { actor, project } = await adminProject(data.projectId);
    // Every problem at once, by field, before lib checks again and saves.
    const merged = projectSettingsSchema.safeParse(mergeSettings(project.settings, data.settings));
    if (!merged.success) throw new FieldError(fieldErrorsOf(merged.error, ["settings"]));
    const updated = await updateProjectSettings({
      db: getDb(),
      project,
      patch: data.settings,
      actor,
      ip: actor.ip,
    });
    return { changed: updated !== project };
  });
}

const secretInput = z.object({
  projectId: z.uuid(),
  name: z.string().trim().regex(SECRET_NAME_PATTERN, "Must be 1 to 64 of A-Z, 0-9 and _, not starting with a digit"),
  value: z
    .string()
    .min(1, "Enter a value")
    .max(32 * 1024, "Must be at most 32 KB"),
});

// Answers only the name: the value is write-only from here on.
export async function saveProjectSecretAction(
  input: z.input<typeof secretInput>,
): Promise<ActionResult<{ name: string }>> {
  return attempt(async () => {
    const { projectId, name, value } = parseActionInput(secretInput, input);
    const { actor, project } = await adminProject(projectId);
    await putProjectSecret({ db: getDb(), project, name, value, actor, ip: actor.ip });
    return { name };
  });
}

const deleteSecretInput = z.object({ projectId: z.uuid(), name: z.string().regex(SECRET_NAME_PATTERN) });

export async function deleteProjectSecretAction(input: z.input<typeof deleteSecretInput>): Promise<ActionResult> {
  return attempt(async () => {
    const { projectId, name } = parseActionInput(deleteSecretInput, input);
    const { actor, project } = await adminProject(projectId);
    await removeProjectSecret({ db: getDb(), project, name, actor, ip: actor.ip });
    return {};
  });
}
