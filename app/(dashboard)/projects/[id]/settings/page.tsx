import Stack from "@mui/material/Stack";
import type { Metadata } from "next";
import { connection } from "next/server";
import { CodeSearchSettings } from "@/components/code-index/code-search-settings";
import { ProjectHeader } from "@/components/project-card/project-header";
import { ProjectSecretsPanel } from "@/components/project-settings/project-secrets-panel";
import { ProjectSettingsForm } from "@/components/project-settings/project-settings-form";
import { getDb } from "@/db";
import { can } from "@/lib/auth/actor";
import { requireSessionActor } from "@/lib/auth/get-session-actor";
import { codeSearchMode } from "@/lib/code-index/code-search-mode";
import { listProjectSecretNames } from "@/lib/secrets";
import { deleteProjectSecretAction, saveProjectSecretAction, updateProjectSettingsAction } from "../../actions";
import { loadProjectForPage } from "../../load-project-for-page";

export const metadata: Metadata = { title: "Project settings" };

// Everyone in the team sees the settings; only admins change them (the actions check again).
export default async function ProjectSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  const actor = await requireSessionActor({ callbackUrl: `/projects/${encodeURIComponent(id)}/settings` });
  const project = await loadProjectForPage(actor, id);
  const editable = can(actor, project, "admin");
  const [secrets, mode] = await Promise.all([
    listProjectSecretNames({ db: getDb(), projectId: project.id }),
    codeSearchMode({ db: getDb() }),
  ]);
  return (
    <>
      <ProjectHeader project={project} section="Settings" />
      <Stack spacing={3} sx={{ maxWidth: 900 }}>
        <ProjectSettingsForm
          projectId={project.id}
          settings={project.settings}
          editable={editable}
          updateProjectSettingsAction={updateProjectSettingsAction}
        />
        <ProjectSecretsPanel
          projectId={project.id}
          secrets={secrets.map((secret) => ({ name: secret.name, updatedAt: secret.updatedAt.toISOString() }))}
          editable={editable}
          saveProjectSecretAction={saveProjectSecretAction}
          deleteProjectSecretAction={deleteProjectSecretAction}
        />
        <CodeSearchSettings
          search={
            mode.mode === "hybrid"
              ? { mode: "hybrid", embeddingModel: mode.embedding.label }
              : { mode: "lexical", reason: mode.reason }
          }
        />
      </Stack>
    </>
  );
}
