import type { Database } from "@/db/client";
import {
  getInstallationByGithubId,
  linkProjectsToInstallation,
  replaceInstallationRepositories,
  upsertInstallation,
} from "@/db/queries/installations";
import { getUserIdByGithubAccount } from "@/db/queries/accounts";
import { getMembershipsByUserId, upsertTeamMember } from "@/db/queries/team-members";
import type { Installation } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/platform/errors";
import { ensureAccountTeam } from "./ensure-account-team";
import type { InstallationPayload } from "./payload-schemas";

export type SyncedRepository = { id: number; full_name: string; private?: boolean; default_branch?: string };

/**
 * Creates or refreshes an installation from GitHub's description of it: the row, the team
 * of its account (made on first sight), its repositories (exactly `repositories`), links
 * the team's projects of those repositories to it, and makes `admin` (the person who
 * installed it, when they have signed in to Mergeline with that GitHub account) an admin
 * of the team. One transaction: a retry starts from a clean slate.
 */
export async function syncInstallation({
  db,
  installation,
  repositories,
  admin,
  member,
}: {
  db: Database;
  installation: InstallationPayload;
  repositories: SyncedRepository[];
  /** GitHub account made admin of the team, if it has a Mergeline user. */
  admin?: { id: number; login: string };
  /** A Mergeline user added as a member (not demoted if already more). */
  member?: { userId: string; role: "admin" | "member" };
}): Promise<Installation> {
  const account = installation.account;
  if (!account) throw new AppError("bad_request:installation", `Installation ${installation.id} has no account`);
  return db.transaction(async (tx) => {
    const existing = await getInstallationByGithubId({ db: tx, githubInstallationId: installation.id });
    const teamId =
      existing?.teamId ?? (await ensureAccountTeam({ db: tx, login: account.login, accountId: account.id })).id;
    const row = await upsertInstallation({
      db: tx,
      values: {
        githubInstallationId: installation.id,
        teamId,
        accountLogin: account.login,
        accountType: account.type ?? "User",
        repositorySelection: installation.repository_selection ?? "selected",
        suspendedAt: installation.suspended_at ? new Date(installation.suspended_at) : null,
      },
    });
    await replaceInstallationRepositories({
      db: tx,
      installationId: row.id,
      repositories: repositories.map((repository) => ({
        githubRepositoryId: repository.id,
        fullName: repository.full_name,
        private: repository.private ?? false,
        defaultBranch: repository.default_branch ?? null,
      })),
    });
    await linkProjectsToInstallation({
      db: tx,
      installation: row,
      fullNames: repositories.map((repository) => repository.full_name),
    });
    const adminUserId = admin ? await getUserIdByGithubAccount({ db: tx, githubUserId: admin.id }) : undefined;
    if (adminUserId) await upsertTeamMember({ db: tx, teamId, userId: adminUserId, role: "admin" });
    if (member && member.userId !== adminUserId) await addMemberKeepingRole(tx, teamId, member);
    await recordAudit({
      db: tx,
      actor: admin ? { kind: "github", login: admin.login } : { kind: "system" },
      teamId,
      action: existing ? "installation.synced" : "installation.created",
      targetType: "installation",
      targetId: row.id,
      data: {
        githubInstallationId: installation.id,
        account: account.login,
        repositories: repositories.length,
        adminUserId: adminUserId ?? null,
      },
      ip: null,
    });
    return row;
  });
}

async function addMemberKeepingRole(
  db: Database,
  teamId: string,
  member: { userId: string; role: "admin" | "member" },
) {
  const current = (await getMembershipsByUserId({ db, userId: member.userId })).find(
    (entry) => entry.teamId === teamId,
  );
  if (current?.role === "admin" || current?.role === member.role) return;
  await upsertTeamMember({ db, teamId, userId: member.userId, role: member.role });
}
