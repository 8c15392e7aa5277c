import type { Database } from "@/db/client";
import {
  addInstallationRepositories,
  detachInstallationProjects,
  getInstallationByGithubId,
  removeInstallationRepositories,
  replaceInstallationRepositories,
  linkProjectsToInstallation,
  updateInstallation,
} from "@/db/queries/installations";
import { recordAudit } from "@/lib/audit";
import { cancelProjectRuns } from "./cancel-project-runs";
import { installationPayloadSchema, installationRepositoriesPayloadSchema } from "./payload-schemas";
import { syncInstallation } from "./sync-installation";

export type InstallationOutcome = {
  status: "synced" | "deleted" | "suspended" | "unsuspended" | "repositories" | "ignored";
  detail?: string;
  cancelledRuns?: string[];
};

/**
 * Applies one installation lifecycle webhook. Uninstalling (or removing repositories from
 * the installation) unpins their projects and cancels their unfinished runs, because
 * Mergeline can no longer reach them; the projects keep settings and history, and pinning
 * the repository again after a reinstall brings them back.
 */
export async function applyInstallationEvent({
  db,
  name,
  payload,
}: {
  db: Database;
  name: string;
  payload: Record<string, unknown>;
}): Promise<InstallationOutcome> {
  if (name.startsWith("github/installation_repositories.")) return applyRepositoriesChange(db, payload);
  const parsed = installationPayloadSchema.safeParse(payload);
  if (!parsed.success) return { status: "ignored", detail: "payload without an installation" };
  const { installation, sender } = parsed.data;

  if (name === "github/installation.created") {
    await syncInstallation({
      db,
      installation,
      repositories: parsed.data.repositories ?? [],
      admin: { id: sender.id, login: sender.login },
    });
    return { status: "synced" };
  }
  const row = await getInstallationByGithubId({ db, githubInstallationId: installation.id });
  if (!row) return { status: "ignored", detail: `installation ${installation.id} is not known here` };
  const audit = (action: string, data: Record<string, unknown> = {}) =>
    recordAudit({
      db,
      actor: { kind: "github", login: sender.login },
      teamId: row.teamId,
      action,
      targetType: "installation",
      targetId: row.id,
      data,
      ip: null,
    });

  switch (name) {
    case "github/installation.deleted": {
      const detached = await db.transaction(async (tx) => {
        await updateInstallation({ db: tx, id: row.id, values: { deletedAt: new Date() } });
        await replaceInstallationRepositories({ db: tx, installationId: row.id, repositories: [] });
        return detachInstallationProjects({ db: tx, installation: row });
      });
      const cancelledRuns = await cancelProjectRuns({
        db,
        projectIds: detached.map((project) => project.id),
        reason: "the GitHub App was uninstalled",
      });
      await audit("installation.deleted", { unpinnedProjects: detached.map((project) => project.id), cancelledRuns });
      return { status: "deleted", cancelledRuns };
    }
    case "github/installation.suspend":
      await updateInstallation({
        db,
        id: row.id,
        values: { suspendedAt: installation.suspended_at ? new Date(installation.suspended_at) : new Date() },
      });
      await audit("installation.suspended");
      return { status: "suspended" };
    case "github/installation.unsuspend":
      await updateInstallation({ db, id: row.id, values: { suspendedAt: null } });
      await audit("installation.unsuspended");
      return { status: "unsuspended" };
    default:
      return { status: "ignored", detail: `${name} is not an installation lifecycle event` };
  }
}

async function applyRepositoriesChange(db: Database, payload: Record<string, unknown>): Promise<InstallationOutcome> {
  const parsed = installationRepositoriesPayloadSchema.safeParse(payload);
  if (!parsed.success) return { status: "ignored", detail: "payload without an installation" };
  const { installation, repositories_added: added, repositories_removed: removed, sender } = parsed.data;
  const row = await getInstallationByGithubId({ db, githubInstallationId: installation.id });
  if (!row) return { status: "ignored", detail: `installation ${installation.id} is not known here` };
  const removedNames = removed.map((repository) => repository.full_name);
  const detached = await db.transaction(async (tx) => {
    await updateInstallation({
      db: tx,
      id: row.id,
      values: {
        repositorySelection:
          parsed.data.repository_selection ?? installation.repository_selection ?? row.repositorySelection,
      },
    });
    await addInstallationRepositories({
      db: tx,
      installationId: row.id,
      repositories: added.map((repository) => ({
        githubRepositoryId: repository.id,
        fullName: repository.full_name,
        private: repository.private ?? false,
      })),
    });
    await linkProjectsToInstallation({
      db: tx,
      installation: row,
      fullNames: added.map((repository) => repository.full_name),
    });
    await removeInstallationRepositories({
      db: tx,
      installationId: row.id,
      githubRepositoryIds: removed.map((repository) => repository.id),
    });
    return detachInstallationProjects({ db: tx, installation: row, fullNames: removedNames });
  });
  const cancelledRuns = await cancelProjectRuns({
    db,
    projectIds: detached.map((project) => project.id),
    reason: "the repository was removed from the GitHub App installation",
  });
  await recordAudit({
    db,
    actor: { kind: "github", login: sender.login },
    teamId: row.teamId,
    action: "installation.repositories_changed",
    targetType: "installation",
    targetId: row.id,
    data: {
      added: added.map((repository) => repository.full_name),
      removed: removedNames,
      unpinnedProjects: detached.map((project) => project.id),
      cancelledRuns,
    },
    ip: null,
  });
  return { status: "repositories", cancelledRuns };
}
