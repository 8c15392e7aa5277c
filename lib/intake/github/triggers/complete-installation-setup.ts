import { z } from "zod";
import type { Database } from "@/db/client";
import { getInstallationRepositories } from "@/db/queries/installations";
import { getGithubAccount } from "@/db/queries/accounts";
import type { Installation, InstallationRepository } from "@/db/schema";
import type { GitHubApp } from "@/lib/git-provider/github/app";
import { fetchAsUser } from "@/lib/git-provider/github/fetch-as-user";
import { logger } from "@/lib/platform/logger";
import { openOAuthToken } from "@/lib/secrets/oauth-token-cipher";
import { syncInstallation } from "./sync-installation";

export type SetupResult =
  | { status: "invalid_installation_id" }
  | { status: "needs_github_sign_in"; reason: "no_github_account" | "token_rejected" }
  | { status: "not_visible" }
  | { status: "synced"; installation: Installation; repositories: InstallationRepository[]; role: "admin" | "member" };

const userInstallations = z.object({ total_count: z.number(), installations: z.array(z.object({ id: z.number() })) });
const installationSchema = z.looseObject({
  id: z.number(),
  account: z.looseObject({ login: z.string(), id: z.number(), type: z.string().optional() }).nullable(),
  repository_selection: z.string().optional(),
  suspended_at: z.string().nullable().optional(),
});
const repositoriesSchema = z.array(
  z.looseObject({
    id: z.number(),
    full_name: z.string(),
    private: z.boolean().optional(),
    default_branch: z.string().optional(),
  }),
);

/** GitHub as the signed-in person (their OAuth token): the installations they can see, their role in an organization. */
/**
 * GitHub sends people to /github/setup?installation_id=... after they install the App. The
 * id in the URL proves nothing: the installation is accepted only if GitHub lists it among
 * the installations the signed-in person's own GitHub token can see (GET /user/installations).
 * Then it is read with the App's credentials and synced like the installation webhook would;
 * the person joins its team, as admin when it is their own account or they administer the
 * organization, otherwise as member.
 */
export async function completeInstallationSetup({
  db,
  userId,
  installationId,
  github,
}: {
  db: Database;
  userId: string;
  installationId: string | undefined;
  github: GitHubApp;
}): Promise<SetupResult> {
  if (!installationId || !/^\d{1,15}$/.test(installationId)) return { status: "invalid_installation_id" };
  const id = Number(installationId);
  const account = await getGithubAccount({ db, userId });
  if (!account) return { status: "needs_github_sign_in", reason: "no_github_account" };
  const accessToken = openOAuthToken({
    sealed: account.accessToken,
    provider: "github",
    providerAccountId: String(account.githubUserId),
  });
  if (!accessToken) return { status: "needs_github_sign_in", reason: "token_rejected" };

  let visible = false;
  for (let page = 1; page <= 20 && !visible; page++) {
    const response = await fetchAsUser(
      github.config.apiUrl,
      accessToken,
      `/user/installations?per_page=100&page=${page}`,
    );
    if (response.status === 401) return { status: "needs_github_sign_in", reason: "token_rejected" };
    if (!response.ok) throw new Error(`GitHub answered ${response.status} to GET /user/installations`);
    const listed = userInstallations.parse(await response.json());
    visible = listed.installations.some((installation) => installation.id === id);
    if (listed.installations.length < 100) break;
  }
  if (!visible) return { status: "not_visible" };

  const { data } = await github.app.octokit.request("GET /app/installations/{installation_id}", {
    installation_id: id,
  });
  const installation = installationSchema.parse(data);
  const octokit = await github.installationOctokit(id);
  const repositories = repositoriesSchema.parse(
    await octokit.paginate("GET /installation/repositories", { per_page: 100 }),
  );

  let role: "admin" | "member" = "member";
  if (installation.account?.id === account.githubUserId) role = "admin";
  else if (installation.account) {
    const membership = await fetchAsUser(
      github.config.apiUrl,
      accessToken,
      `/user/memberships/orgs/${encodeURIComponent(installation.account.login)}`,
    ).catch(() => null);
    const body = membership?.ok ? ((await membership.json()) as { role?: string; state?: string }) : null;
    if (body?.role === "admin" && body.state === "active") role = "admin";
  }
  const row = await syncInstallation({ db, installation, repositories, member: { userId, role } });
  logger.info(
    { installationId: id, userId, role, repositories: repositories.length },
    "installation set up from the setup page",
  );
  return {
    status: "synced",
    installation: row,
    repositories: await getInstallationRepositories({ db, installationId: row.id }),
    role,
  };
}
