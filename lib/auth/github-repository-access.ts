import { z } from "zod";
import type { Database } from "@/db/client";
import { getGithubInstallationIdsOfTeams } from "@/db/queries/installations";
import { getGithubAccount } from "@/db/queries/accounts";
import { env } from "@/lib/platform/env";
import { fetchAsUser } from "@/lib/git-provider/github/fetch-as-user";
import { logger } from "@/lib/platform/logger";
import { openOAuthToken } from "@/lib/secrets/oauth-token-cipher";

// Someone who signed in with GitHub reaches a GitHub project only if GitHub says they can
// access its repository: the repositories GitHub lists for them through the teams' App
// installations (GET /user/installations/{id}/repositories, as the person). Asked at most
// every 5 minutes per person; a failure to ask denies (for 30 seconds) rather than guess.

const TTL_MS = 5 * 60_000;
const FAILURE_TTL_MS = 30_000;
const MAX_PAGES = 10;
const cache = new Map<string, { expires: number; names: ReadonlySet<string> }>();

const repositoriesPage = z.object({ repositories: z.array(z.object({ full_name: z.string() })) });

async function listAccessible(apiUrl: string, token: string, installationId: number): Promise<string[] | null> {
  const names: string[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const response = await fetchAsUser(
      apiUrl,
      token,
      `/user/installations/${installationId}/repositories?per_page=100&page=${page}`,
    );
    // 403/404: the person has no access through this installation at all.
    if (response.status === 403 || response.status === 404) return [];
    if (!response.ok) return null;
    const { repositories } = repositoriesPage.parse(await response.json());
    names.push(...repositories.map((repository) => repository.full_name.toLowerCase()));
    if (repositories.length < 100) break;
  }
  return names;
}

/**
 * The repositories ("owner/name", lower-case) a GitHub-signed-in person may reach, or
 * undefined for someone with no GitHub sign-in (team roles alone decide for them).
 */
export async function githubRepositoriesOf({
  db,
  userId,
  teamIds,
  apiUrl = env.GITHUB_API_URL,
  now = Date.now(),
}: {
  db: Database;
  userId: string;
  teamIds: string[];
  apiUrl?: string;
  now?: number;
}): Promise<ReadonlySet<string> | undefined> {
  const account = await getGithubAccount({ db, userId });
  if (!account) return undefined;
  const key = `${userId}\0${[...teamIds].sort().join(",")}`;
  const cached = cache.get(key);
  if (cached && cached.expires > now) return cached.names;
  const token = openOAuthToken({
    sealed: account.accessToken,
    provider: "github",
    providerAccountId: String(account.githubUserId),
  });
  const names = new Set<string>();
  let failed = !token;
  if (token) {
    for (const installationId of await getGithubInstallationIdsOfTeams({ db, teamIds })) {
      const listed = await listAccessible(apiUrl, token, installationId).catch((error: unknown) => {
        logger.warn({ err: error, installationId }, "could not ask GitHub which repositories a person can access");
        return null;
      });
      if (listed === null) failed = true;
      for (const name of listed ?? []) names.add(name);
    }
  }
  cache.set(key, { expires: now + (failed ? FAILURE_TTL_MS : TTL_MS), names });
  return names;
}

/** Forgets what GitHub said (tests; a person who just signed in again). */
export function forgetGithubRepositoryAccess(): void {
  cache.clear();
}
