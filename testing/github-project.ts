import type { Database } from "@/db/client";
import { createProject } from "@/db/queries/projects";
import { createTeam } from "@/db/queries/teams";
import { installations, type Project } from "@/db/schema";
import { createGitHubApp, type GitHubApp } from "@/lib/git-provider/github/app";
import type { GitHubEmulator } from "@/testing/github-emulator";
import { defaultProjectSettings } from "@/lib/projects/settings";

/**
 * For tests: a repository `owner/name` on the emulator with the App installed on it, and
 * the team, installation row and GitHub project that point at it.
 */
export async function createEmulatedProject(
  db: Database,
  gh: GitHubEmulator,
  { owner, name, files }: { owner: string; name: string; files?: Record<string, string> },
): Promise<{ project: Project; githubInstallationId: number }> {
  const { id: githubInstallationId } = gh.createInstallation({
    account: { login: owner, type: "Organization" },
    repositories: [`${owner}/${name}`],
  });
  await gh.createRepository({ owner, name, files: files ?? { "README.md": `# ${name}\n` } });
  const suffix = Math.random().toString(36).slice(2, 10);
  const team = await createTeam({ db, name: `${owner} ${suffix}`, slug: `${owner}-${suffix}` });
  const [installation] = await db
    .insert(installations)
    .values({ githubInstallationId, teamId: team.id, accountLogin: owner, accountType: "Organization" })
    .returning();
  const project = await createProject({
    db,
    values: {
      teamId: team.id,
      provider: "github",
      repository: `${owner}/${name}`,
      name,
      installationId: installation!.id,
      settings: defaultProjectSettings(),
    },
  });
  return { project, githubInstallationId };
}

/** The App against the emulator, with waits shrunk (a second of Retry-After is 10 ms). */
export function emulatedGitHubApp(gh: GitHubEmulator, overrides: { maxRateLimitRetries?: number } = {}): GitHubApp {
  return createGitHubApp({
    appId: String(gh.appId),
    privateKey: gh.privateKey,
    webhookSecret: "test",
    apiUrl: gh.apiUrl,
    retryAfterBaseMs: 10,
    writeIntervalMs: 10,
    ...overrides,
  });
}
